import { readFile } from 'node:fs/promises';
import { DatasetError, type InputLocation } from '../errors';

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
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  const records = /^\s*\[/.test(text) ? parseJsonArray(file, text) : parseJsonLines(file, text);
  return { records, bytes };
}

function parseJsonLines(file: string, text: string): JsonRecord[] {
  const records: JsonRecord[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const location: InputLocation = { file, position: index + 1, kind: 'line' };
    try {
      records.push({ value: JSON.parse(line), location });
    } catch (cause) {
      throw new DatasetError(`not valid JSON (${(cause as Error).message})`, {
        location,
        cause,
        hint: 'Each line of a JSON Lines file must be one complete JSON object.',
      });
    }
  });
  return records;
}

function parseJsonArray(file: string, text: string): JsonRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new DatasetError(`${file}: not valid JSON (${(cause as Error).message})`, { cause });
  }
  if (!Array.isArray(parsed)) throw new DatasetError(`${file}: expected a JSON array of rows or JSON Lines`);
  return parsed.map((value: unknown, index) => ({ value, location: { file, position: index, kind: 'index' } }));
}
