import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { DatasetError, formatLocation, type InputLocation } from '../errors';
import { countOccurrences } from '../util/count-occurrences';
import { PredictionOffsets } from './prediction-offsets';
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

/** Bytes read at a time while predictions are asked in file order. */
const READ_AHEAD_BYTES = 1 << 16;
/** A record this close after the last one read (a newline, CRLF or indentation apart) counts as the next in order. */
const IN_ORDER_GAP_BYTES = 64;

/**
 * A predictions file indexed by id without holding its outputs: each id maps (as a 53-bit hash, see
 * PredictionOffsets) to its record's byte offset and length, and an output is read back from the file when its row
 * is scored. Five million predictions cost 80 MB, not gigabytes. Ids looked up are marked, so the unknown ones can
 * be counted and named afterwards.
 */
export class PredictionIndex {
  readonly path: string;
  /** Whether any id is a test-set run's question id (`q-...`): only then must the scorer derive the rows' question ids. */
  readonly hasQuestionIds: boolean;
  private readonly index: PredictionOffsets;
  private readonly descriptor: number;
  private matched = 0;
  /** The bytes read ahead (see recordText): `windowLength` of them, from `windowStart` in the file. */
  private readonly window = Buffer.allocUnsafe(READ_AHEAD_BYTES);
  private windowStart = 0;
  private windowLength = 0;
  /** Where the last record asked for ends. */
  private lastEnd = 0;

  private constructor(path: string, index: PredictionOffsets, hasQuestionIds: boolean) {
    this.path = path;
    this.index = index;
    this.hasQuestionIds = hasQuestionIds;
    this.descriptor = openSync(path, 'r');
  }

  static async open(path: string): Promise<PredictionIndex> {
    // sized up front from a count of the records' keys: growing a 5M-entry index holds the old and the new arrays at once
    const index = new PredictionOffsets(await countOccurrences(path, '"output"'), statSync(path).size);
    let hasQuestionIds = false;
    for await (const record of readJsonRecords(path)) {
      if (record.kind === 'invalid')
        throw new DatasetError(record.message, {
          location: record.location,
          hint: 'Each line of a JSON Lines file must be one complete JSON object.',
        });
      const { id } = checkPrediction(record.value, record.location);
      index.add(id, record.offset, record.length);
      if (id.startsWith(QUESTION_ID_PREFIX)) hasQuestionIds = true;
    }
    const repeated = index.seal();
    const opened = new PredictionIndex(path, index, hasQuestionIds);
    if (repeated !== undefined) {
      const id = opened.read(repeated.second.offset, repeated.second.length)?.id ?? '';
      opened.close();
      const [first, second] = await lineNumbersAt(path, [repeated.first, repeated.second.offset]);
      throw new DatasetError(
        `id "${id}" is predicted twice (first at ${formatLocation({ file: path, position: first ?? 0, kind: 'line' })})`,
        {
          location: { file: path, position: second ?? 0, kind: 'line' },
        },
      );
    }
    return opened;
  }

  get size(): number {
    return this.index.size;
  }

  /** Predictions whose id named a dataset row (each counted once). */
  get matchedCount(): number {
    return this.matched;
  }

  has(id: string): boolean {
    return this.index.find(id) !== -1;
  }

  /** The output predicted for `id`, or undefined; marks the id as matched. */
  output(id: string): string | undefined {
    const entry = this.index.find(id);
    if (entry === -1) return undefined;
    const length = this.index.lengthAt(entry);
    if (length > 0) {
      this.matched += 1;
      this.index.markMatched(entry);
    }
    return this.read(this.index.offsetAt(entry), Math.abs(length))?.output;
  }

  /** Up to `limit` predictions never matched (the first in the file), with their ids and locations, for the warning. */
  async unmatched(limit: number): Promise<{ id: string; location: InputLocation }[]> {
    const offsets: { offset: number; length: number }[] = [];
    for (let entry = 0; entry < this.index.size; entry += 1) {
      const length = this.index.lengthAt(entry);
      if (length > 0) offsets.push({ offset: this.index.offsetAt(entry), length });
    }
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
    const value = JSON.parse(this.recordText(offset, length)) as { id: string | number; output: string };
    return { id: String(value.id), output: value.output };
  }

  /**
   * One record's text. Asked in file order (the dataset's order, as predictions are usually written), the records
   * come from a window read ahead, one read for many records instead of one each; asked out of order, each is read alone.
   */
  private recordText(offset: number, length: number): string {
    const from = offset - this.windowStart;
    const inOrder = offset >= this.lastEnd && offset - this.lastEnd <= IN_ORDER_GAP_BYTES && length <= this.window.length;
    this.lastEnd = offset + length;
    if (from >= 0 && from + length <= this.windowLength) return this.window.toString('utf8', from, from + length);
    if (!inOrder) {
      const buffer = Buffer.allocUnsafe(length);
      const read = readSync(this.descriptor, buffer, 0, length, offset);
      return buffer.toString('utf8', 0, read);
    }
    this.windowStart = offset;
    this.windowLength = readSync(this.descriptor, this.window, 0, this.window.length, offset);
    return this.window.toString('utf8', 0, Math.min(length, this.windowLength));
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
