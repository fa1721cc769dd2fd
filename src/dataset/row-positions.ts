import { closeSync, openSync, readSync } from 'node:fs';
import { DatasetError, type InputLocation } from '../errors';
import type { DatasetFile } from './dataset-files';
import type { JsonRecord } from './read-json-records';

/** Where one record lies: its file (by index), its bytes and the line it starts on. */
export interface RowPosition {
  readonly fileIndex: number;
  readonly offset: number;
  readonly length: number;
  readonly line: number;
}

/** A record as a pass reads it, with the file it came from. */
export interface FileRecord {
  readonly fileIndex: number;
  readonly record: JsonRecord;
}

/**
 * The positions of a filtered pass's rows in typed arrays (20 bytes a row), so the next passes read and parse only
 * those records (a shard's quarter of a million rows, not the whole file again).
 */
export class RowPositions {
  private files = new Uint32Array(1024);
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private lines = new Uint32Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(position: RowPosition): void {
    if (this.count === this.offsets.length) this.grow(Math.ceil(this.count * 1.5));
    this.files[this.count] = position.fileIndex;
    this.offsets[this.count] = position.offset;
    this.lengths[this.count] = position.length;
    this.lines[this.count] = position.line;
    this.count += 1;
  }

  /** The records again, in order, read by offset through a sequential window (few reads, each record parsed once). */
  *records(files: readonly DatasetFile[]): Generator<FileRecord> {
    const window = new RecordWindow();
    try {
      for (let index = 0; index < this.count; index += 1) {
        const fileIndex = this.files[index] as number;
        const file = files[fileIndex]?.path ?? '';
        const offset = this.offsets[index] as number;
        const length = this.lengths[index] as number;
        const text = window.read(file, offset, length);
        const location: InputLocation = { file, position: this.lines[index] as number, kind: 'line' };
        yield { fileIndex, record: { kind: 'value', value: parseAgain(text, location), location, offset, length } };
      }
    } finally {
      window.close();
    }
  }

  private grow(slots: number): void {
    const grown = <T extends Uint32Array | Float64Array>(array: T, make: (length: number) => T): T => {
      const bigger = make(slots);
      bigger.set(array);
      return bigger;
    };
    this.files = grown(this.files, (length) => new Uint32Array(length));
    this.offsets = grown(this.offsets, (length) => new Float64Array(length));
    this.lengths = grown(this.lengths, (length) => new Uint32Array(length));
    this.lines = grown(this.lines, (length) => new Uint32Array(length));
  }
}

const WINDOW_BYTES = 1 << 20;

/** Reads records of ascending offsets with one read per window of the file, not one per record. */
class RecordWindow {
  private file: string | undefined;
  private descriptor: number | undefined;
  private buffer = Buffer.alloc(WINDOW_BYTES);
  private start = 0;
  private end = 0;

  read(file: string, offset: number, length: number): string {
    if (file !== this.file) this.open(file);
    if (offset < this.start || offset + length > this.end) this.fill(offset, length);
    return this.buffer.toString('utf8', offset - this.start, offset - this.start + length);
  }

  close(): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor);
    this.descriptor = undefined;
    this.file = undefined;
  }

  private open(file: string): void {
    this.close();
    this.descriptor = openSync(file, 'r');
    this.file = file;
    this.start = 0;
    this.end = 0;
  }

  private fill(offset: number, length: number): void {
    if (length > this.buffer.length) this.buffer = Buffer.alloc(length);
    const read = readSync(this.descriptor ?? -1, this.buffer, 0, this.buffer.length, offset);
    this.start = offset;
    this.end = offset + read;
    if (read < length) throw changed({ file: this.file ?? '', position: 0, kind: 'line' });
  }
}

function parseAgain(text: string, location: InputLocation): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw changed(location);
  }
}

function changed(location: InputLocation): DatasetError {
  return new DatasetError('the dataset changed since it was validated', { location, hint: 'Do not edit the dataset during a run.' });
}
