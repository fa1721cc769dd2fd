import { readFile } from 'node:fs/promises';
import { DatasetError, type InputLocation } from '../errors';
import { decodeUtf8 } from './check-encoding';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './check-json-depth';

export interface JsonRecord {
  readonly value: unknown;
  readonly location: InputLocation;
}

/**
 * Reads a JSON Lines file or a JSON array file (detected by a leading `[`).
 * Blank lines are skipped; a line that is not JSON is a DatasetError naming file and line.
 */
export async function readJsonRecords(file: string): Promise<{ records: JsonRecord[]; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    throw new DatasetError(`cannot read ${file}: ${(cause as Error).message}`, { cause, hint: 'Check the path.' });
  }
  const text = decodeUtf8(file, bytes);
  const records = /^\s*\[/.test(text) ? parseJsonArray(file, text) : parseJsonLines(file, text);
  return { records, bytes };
}

function parseJsonLines(file: string, text: string): JsonRecord[] {
  const records: JsonRecord[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const location: InputLocation = { file, position: index + 1, kind: 'line' };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      if (cause instanceof RangeError) throw tooDeep(location);
      throw new DatasetError(`not valid JSON (${(cause as Error).message})`, {
        location,
        cause,
        hint: 'Each line of a JSON Lines file must be one complete JSON object.',
      });
    }
    if (nestedDeeperThan(value)) throw tooDeep(location);
    records.push({ value, location });
  });
  return records;
}

function parseJsonArray(file: string, text: string): JsonRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    if (cause instanceof RangeError) throw tooDeep({ file, position: 1, kind: 'line' });
    const message = (cause as Error).message;
    const line = text.slice(0, errorOffset(text, message)).split('\n').length;
    throw new DatasetError(`not valid JSON (${message})`, { cause, location: { file, position: line, kind: 'line' } });
  }
  if (!Array.isArray(parsed)) throw new DatasetError(`${file}: expected a JSON array of rows or JSON Lines`);
  return parsed.map((value: unknown, index) => {
    const location: InputLocation = { file, position: index, kind: 'index' };
    if (nestedDeeperThan(value)) throw tooDeep(location);
    return { value, location };
  });
}

function tooDeep(location: InputLocation): DatasetError {
  return new DatasetError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep: not a ShopBench row or prediction`, { location, hint: 'Check that this is the right file.' });
}

/**
 * Where JSON.parse failed: V8 names the position for some errors only; otherwise the shortest prefix that fails
 * for a reason other than ending early (found by bisection) ends at the error.
 */
function errorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Number(position);
  const failsInside = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const text = (error as Error).message;
      if (/Unexpected end of JSON input/.test(text)) return false;
      // a prefix cut mid-value fails "at position <its length>": that is the cut, not the error
      const at = /at position (\d+)/.exec(text)?.[1];
      return at === undefined || Number(at) < length;
    }
  };
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsInside(middle)) high = middle;
    else low = middle + 1;
  }
  return Math.max(0, low - 1);
}
