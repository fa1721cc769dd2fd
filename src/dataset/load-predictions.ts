import { DatasetError, formatLocation, type InputLocation } from '../errors';
import { checkPrediction } from './prediction-index';
import { readJsonRecords } from './read-json-records';

/** One model answer: `{"id": ..., "output": "<raw model output>"}` per line. */
export interface Prediction {
  readonly id: string;
  readonly output: string;
  readonly location: InputLocation;
}

/** Reads a predictions file (JSON Lines or a JSON array) record by record; a malformed line or a repeated id names file, line and field. */
export async function loadPredictions(path: string): Promise<Map<string, Prediction>> {
  const predictions = new Map<string, Prediction>();
  for await (const record of readJsonRecords(path)) {
    const location = record.location;
    if (record.kind === 'invalid')
      throw new DatasetError(record.message, { location, hint: 'Each line of a JSON Lines file must be one complete JSON object.' });
    const { id: key, output } = checkPrediction(record.value, location);
    const earlier = predictions.get(key);
    if (earlier) throw new DatasetError(`id "${key}" is predicted twice (first at ${formatLocation(earlier.location)})`, { location });
    predictions.set(key, { id: key, output, location });
  }
  return predictions;
}
