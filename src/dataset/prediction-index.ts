import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { DatasetError, formatLocation, type InputLocation } from '../errors';
import { countOccurrences } from '../util/count-occurrences';
import { IdIndex } from '../util/id-index';
import { readJsonRecords } from './read-json-records';
import { QUESTION_ID_PREFIX } from './row-id';

/** One prediction record checked: `{"id": <string | number>, "output": "<string>"}`. */
export function checkPrediction(value: unknown, location: InputLocation): { id: string; output: string } {
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
  return { id: String(id), output };
}

/**
 * A predictions file indexed by id without holding its outputs: each id maps (as a 53-bit hash) to its record's byte
 * offset and length, and an output is read back from the file when its row is scored. A million predictions cost
 * tens of megabytes, not hundreds. Ids looked up are marked, so the unknown ones can be counted and named afterwards.
 */
export class PredictionIndex {
  readonly path: string;
  private readonly index: IdIndex;
  /** Whether any id is a test-set run's question id (`q-...`): only then must the scorer derive the rows' question ids. */
  readonly hasQuestionIds: boolean;
  private readonly descriptor: number;
  private matched = 0;

  private constructor(path: string, index: IdIndex, hasQuestionIds: boolean) {
    this.path = path;
    this.index = index;
    this.hasQuestionIds = hasQuestionIds;
    this.descriptor = openSync(path, 'r');
  }

  static async open(path: string): Promise<PredictionIndex> {
    // sized up front: growing a 5M-entry index by half holds the old and the new arrays at once
    const index = new IdIndex(await countOccurrences(path, '"output"'));
    let hasQuestionIds = false;
    for await (const record of readJsonRecords(path)) {
      if (record.kind === 'invalid')
        throw new DatasetError(record.message, {
          location: record.location,
          hint: 'Each line of a JSON Lines file must be one complete JSON object.',
        });
      const { id } = checkPrediction(record.value, record.location);
      if (index.has(id)) {
        const first = await firstLocation(path, id);
        throw new DatasetError(
          `id "${id}" is predicted twice (first at ${first === undefined ? 'an earlier line' : formatLocation(first)})`,
          { location: record.location },
        );
      }
      index.set(id, record.offset, record.length);
      if (id.startsWith(QUESTION_ID_PREFIX)) hasQuestionIds = true;
    }
    return new PredictionIndex(path, index, hasQuestionIds);
  }

  get size(): number {
    return this.index.size;
  }

  /** Predictions whose id named a dataset row (each counted once). */
  get matchedCount(): number {
    return this.matched;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** The output predicted for `id`, or undefined; marks the id as matched. */
  output(id: string): string | undefined {
    const entry = this.index.get(id);
    if (entry === undefined) return undefined;
    const [offset, signedLength] = entry;
    if (signedLength > 0) {
      this.matched += 1;
      this.index.set(id, offset, -signedLength); // a negative length marks a matched id
    }
    return this.read(offset, Math.abs(signedLength))?.output;
  }

  /** Up to `limit` predictions never matched (the first in the file), with their ids and locations, for the warning. */
  async unmatched(limit: number): Promise<{ id: string; location: InputLocation }[]> {
    const offsets: { offset: number; length: number }[] = [];
    for (const [offset, length] of this.index.values()) if (length > 0) offsets.push({ offset, length });
    const first = offsets.sort((a, b) => a.offset - b.offset).slice(0, limit);
    const lines = await lineNumbersAt(
      this.path,
      first.map((entry) => entry.offset),
    );
    return first.map((entry, index) => ({
      id: this.read(entry.offset, entry.length)?.id ?? '',
      location: { file: this.path, position: lines[index] ?? 0, kind: 'line' as const },
    }));
  }

  close(): void {
    closeSync(this.descriptor);
  }

  private read(offset: number, length: number): { id: string; output: string } | undefined {
    const buffer = Buffer.alloc(length);
    readSync(this.descriptor, buffer, 0, length, offset);
    const value = JSON.parse(buffer.toString('utf8')) as { id: string | number; output: string };
    return { id: String(value.id), output: value.output };
  }
}

/** The 1-based line of each byte offset (ascending), counting newlines in one pass over the file. */
async function lineNumbersAt(path: string, offsets: readonly number[]): Promise<number[]> {
  const lines: number[] = [];
  let line = 1;
  let position = 0;
  let next = 0;
  for await (const data of createReadStream(path)) {
    const chunk = data as Buffer;
    for (let index = 0; index < chunk.length && next < offsets.length; index += 1) {
      while (next < offsets.length && offsets[next] === position + index) {
        lines.push(line);
        next += 1;
      }
      if (chunk[index] === 0x0a) line += 1;
    }
    position += chunk.length;
    if (next >= offsets.length) break;
  }
  return lines;
}

async function firstLocation(path: string, id: string): Promise<InputLocation | undefined> {
  for await (const record of readJsonRecords(path)) {
    if (record.kind === 'value' && checkPrediction(record.value, record.location).id === id) return record.location;
  }
  return undefined;
}
