import { DatasetError, formatLocation, type InputLocation } from '../errors';
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
    if (record.kind === 'invalid') throw new DatasetError(record.message, { location, hint: 'Each line of a JSON Lines file must be one complete JSON object.' });
    const value = record.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new DatasetError('a prediction must be an object {"id": ..., "output": "..."}', { location });
    }
    const fields = value as Record<string, unknown>;
    const id = fields['id'];
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new DatasetError(`field "id" must be a string or a number, got ${JSON.stringify(id) ?? 'nothing'}`, { location });
    }
    const output = fields['output'];
    if (typeof output !== 'string') {
      throw new DatasetError(`field "output" must be a string, got ${JSON.stringify(output) ?? 'nothing'}`, { location });
    }
    const key = String(id);
    const earlier = predictions.get(key);
    if (earlier) throw new DatasetError(`id "${key}" is predicted twice (first at ${formatLocation(earlier.location)})`, { location });
    predictions.set(key, { id: key, output, location });
  }
  return predictions;
}
