import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { DatasetError, type InputLocation } from '../errors';
import { EncodingCheck } from './check-encoding';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './check-json-depth';
import { JsonArraySplitter } from './json-array-splitter';
import { JsonLinesSplitter } from './json-lines-splitter';

/** One record of a JSON Lines or JSON array file: its value, or why it is not JSON (the rest of the file still reads). */
export type JsonRecord =
  | { readonly kind: 'value'; readonly value: unknown; readonly location: InputLocation; readonly offset: number; readonly length: number }
  | { readonly kind: 'invalid'; readonly message: string; readonly location: InputLocation };

/** The text of one record, the 1-based line it starts on, and its bytes' offset and length in the file. */
export interface RecordText {
  readonly text: string;
  readonly line: number;
  readonly offset: number;
  readonly length: number;
}

export interface RecordSplitter {
  /** Feeds the next bytes; returns the records they complete. */
  push(chunk: Buffer): RecordText[];
  /** The file ended: the last records, or a DatasetError when the file's structure is broken. */
  end(): RecordText[];
}

// 64 KiB reads: 1 MiB chunks, each freed only by a later GC, held ~20 MiB more at the peak of a 22 MB pass
const CHUNK_BYTES = 1 << 16;

/**
 * Streams a JSON Lines file or a JSON array file (detected by a leading `[`) record by record, never holding more
 * than one record's text: a file of any size reads in constant memory. Blank lines are skipped; a line (or array
 * element) that is not JSON comes back `invalid` with its line, so every bad record of a file can be listed at once.
 * `onBytes` sees every byte of the file (its byte hash).
 */
export async function* readJsonRecords(file: string, onBytes?: (chunk: Buffer) => void): AsyncGenerator<JsonRecord> {
  for await (const batch of readJsonRecordBatches(file, onBytes)) yield* batch;
}

/**
 * readJsonRecords a chunk's records at a time (never empty): one turn of the caller's loop per 64 KiB, not one per
 * record, for the passes that read every row of a dataset.
 */
export async function* readJsonRecordBatches(file: string, onBytes?: (chunk: Buffer) => void): AsyncGenerator<readonly JsonRecord[]> {
  let splitter: RecordSplitter | undefined;
  let head = Buffer.alloc(0);
  const encoding = new EncodingCheck(file);
  try {
    for await (const data of createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
      const chunk = data as Buffer;
      onBytes?.(chunk);
      if (splitter === undefined) encoding.head(Buffer.concat([head, chunk]));
      encoding.push(chunk);
      if (splitter === undefined) {
        head = Buffer.concat([head, chunk]);
        const kind = detectKind(head);
        if (kind === undefined) continue;
        const body = stripBom(head);
        const skipped = head.length - body.length;
        splitter = kind === 'array' ? new JsonArraySplitter(file, skipped) : new JsonLinesSplitter(skipped);
        yield* parseAll(file, splitter.push(body));
        continue;
      }
      yield* parseAll(file, splitter.push(chunk));
    }
  } catch (cause) {
    if (cause instanceof DatasetError) throw cause;
    throw new DatasetError(`cannot read ${file}: ${(cause as Error).message}`, { cause, hint: 'Check the path.' });
  }
  encoding.end();
  if (splitter !== undefined) yield* parseAll(file, splitter.end()); // otherwise the file is empty or blank
}

/** SHA-256 of a file's bytes, streamed. */
export function byteHasher(): { update: (chunk: Buffer) => void; digest: () => string } {
  const hash = createHash('sha256');
  return { update: (chunk) => hash.update(chunk), digest: () => hash.digest('hex') };
}

function stripBom(buffer: Buffer): Buffer {
  return buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
}

/** `array` when the first non-blank character (after a BOM) is `[`; undefined until a non-blank byte arrives. */
function detectKind(head: Buffer): 'array' | 'lines' | undefined {
  const bytes = stripBom(head);
  for (const byte of bytes) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x5b ? 'array' : 'lines';
  }
  return undefined;
}

/** The texts' records as one batch; a record nested too deep ends the file, after the records before it. */
function* parseAll(file: string, texts: readonly RecordText[]): Generator<readonly JsonRecord[]> {
  const records: JsonRecord[] = [];
  let failure: unknown;
  for (const text of texts) {
    try {
      records.push(parseRecord(file, text));
    } catch (error) {
      failure = error;
      break;
    }
  }
  if (records.length > 0) yield records;
  if (failure !== undefined) throw failure;
}

function parseRecord(file: string, { text, line, offset, length }: RecordText): JsonRecord {
  try {
    const value: unknown = JSON.parse(text);
    const location: InputLocation = { file, position: line, kind: 'line' };
    if (nestedDeeperThan(value)) throw tooDeep(location);
    return { kind: 'value', value, location, offset, length };
  } catch (cause) {
    if (cause instanceof DatasetError) throw cause;
    if (cause instanceof RangeError) throw tooDeep({ file, position: line, kind: 'line' });
    const message = (cause as Error).message;
    // the error's own line inside a multi-line array element
    const errorLine = text.includes('\n') ? line + countNewlines(text.slice(0, errorOffset(text, message))) : line;
    const oneLine = message.replace(/\r?\n/g, '\\n');
    return { kind: 'invalid', message: `not valid JSON (${oneLine})`, location: { file, position: errorLine, kind: 'line' } };
  }
}

function tooDeep(location: InputLocation): DatasetError {
  return new DatasetError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep: not a ShopBench row or prediction`, {
    location,
    hint: 'Check that this is the right file.',
  });
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
      const reason = (error as Error).message;
      if (/Unexpected end of JSON input/.test(reason)) return false;
      // a prefix cut mid-value fails "at position <its length>": that is the cut, not the error
      const at = /at position (\d+)/.exec(reason)?.[1];
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

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}
