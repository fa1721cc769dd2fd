import { DatasetError, formatLocation, type InputLocation } from '../errors';
import { readJsonRecords } from './read-json-records';

/** One model answer: `{"id": ..., "output": "<raw model output>"}` per line. */
export interface Prediction {
  readonly id: string;
  readonly output: string;
  readonly location: InputLocation;
}

/** Reads a predictions file (JSON Lines or a JSON array); a malformed line or a repeated id names file, line and field. */
export async function loadPredictions(path: string): Promise<Map<string, Prediction>> {
  const { records } = await readJsonRecords(path);
  const predictions = new Map<string, Prediction>();
  for (const { value, location } of records) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new DatasetError('a prediction must be an object {"id": ..., "output": "..."}', { location });
    }
    const record = value as Record<string, unknown>;
    const id = record['id'];
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new DatasetError(`field "id" must be a string or a number, got ${JSON.stringify(id) ?? 'nothing'}`, { location });
    }
    const output = record['output'];
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
