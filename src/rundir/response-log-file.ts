import { closeSync, existsSync, openSync, readSync, truncateSync, writeSync } from 'node:fs';
import { RunDirectoryError } from '../errors';
import { itemKey } from '../pipeline/planned-item';
import type { TokenLogprob, TokenUsage } from '../providers/provider';
import { redactSecrets } from '../providers/redact-secrets';
import responseSchema from '../schemas/responses-line.schema.json';
import type { LabelChoice } from '../scoring/choose-label';
import { ResponseLogIndex } from './response-log-index';
import { checkRunFile, runFileValidator } from './validate-run-file';

/** The run directory's response log: the one reader and writer of it is this file. */
export const RESPONSES_FILE = 'responses.jsonl';

const validateEntry = runFileValidator<ResponseLogEntry>(responseSchema);

/** One line of `responses.jsonl` (src/schemas/responses-line.schema.json): an item's answer, or the error that left it without one. */
export interface ResponseLogEntry {
  readonly id: string;
  /** Which repeat of the row (0-based), in a run with --repeats over 1. */
  readonly repeat?: number;
  readonly output: string | null;
  readonly latency_ms: number | null;
  readonly usage?: { readonly prompt_tokens?: number; readonly completion_tokens?: number };
  /** Calls made; 0 for a cache hit. */
  readonly attempts: number;
  readonly cached?: true;
  /** The source had no answer for the item (replay): scored as an empty output and counted as missing. */
  readonly missing_prediction?: true;
  /** The server sent null text (a reasoning model cut at max tokens): scored as an empty output, counted apart. */
  readonly null_content?: true;
  readonly error?: string;
  /** The backend configuration the server named for this answer (OpenAI's `system_fingerprint`). */
  readonly system_fingerprint?: string;
  /** Reasoning the server returned apart from the answer (`reasoning_content`, `reasoning`, `thinking`). */
  readonly reasoning?: string;
  /** `--mc-scoring logprobs`: the first token's most probable alternatives, as the server spelled them. */
  readonly top_logprobs?: readonly TokenLogprob[];
  /** `--mc-scoring logprobs`: the option labels' log-probabilities and the label chosen from them. */
  readonly mc?: LabelChoice;
  /** With --batch-size: the evaluator-style batch the item was sent in (named by its first item) and its wall time. */
  readonly batch?: BatchRecord;
}

/** A batch's requests go out together; its wall time runs from the first send to the last answer. */
export interface BatchRecord {
  readonly first_id: string;
  readonly size: number;
  readonly wall_ms: number;
}

export function usageRecord(usage: TokenUsage | undefined): ResponseLogEntry['usage'] {
  if (usage === undefined) return undefined;
  return {
    ...(usage.promptTokens === undefined ? {} : { prompt_tokens: usage.promptTokens }),
    ...(usage.completionTokens === undefined ? {} : { completion_tokens: usage.completionTokens }),
  };
}

/** The log's entries by item key (the row id, or itemKey(id, repeat)), read back from the file on demand (only offsets stay in memory). */
export interface ResponseEntries {
  get(id: string): ResponseLogEntry | undefined;
  has(id: string): boolean;
  /** Whether the id's entry is an answer, known from the index alone (no read). */
  isAnswered(id: string): boolean;
  /** Ids whose entry is an answer (not an error). */
  readonly answered: number;
}

const READ_CHUNK = 1 << 20;
/** Most entries fit in one read of this many bytes; a longer one (reasoning, long answers) grows the buffer. */
const ENTRY_READ = 4096;

const NO_ENTRIES: ResponseEntries = { get: () => undefined, has: () => false, isAnswered: () => false, answered: 0 };

/**
 * The append-only response log: one line per finished item, written with a single write(2) as it arrives so a crash
 * loses at most the line being written. Opening it cuts a torn last line, so new lines never glue onto garbage, and
 * indexes it by id (53-bit hashes to byte offsets, see response-log-index.ts): resuming a million-item run re-reads each entry only when needed.
 */
export class ResponseLog implements ResponseEntries {
  private readonly descriptor: number;
  /** item key -> the entry's offset and whether it is an answer. */
  private readonly index: ResponseLogIndex;
  /** Reused by get(): an entry is read up to its newline. */
  private buffer = Buffer.alloc(ENTRY_READ);
  private size: number;
  answered = 0;

  private constructor(
    private readonly path: string,
    descriptor: number,
    index: ResponseLogIndex,
    size: number,
    answered: number,
  ) {
    this.descriptor = descriptor;
    this.index = index;
    this.size = size;
    this.answered = answered;
  }

  /**
   * Opens (or creates) the log; `entries` gives the last entry per id (an answer wins over a later error).
   * `expectedIds` (the run's items) sizes its index up front.
   */
  static open(path: string, expectedIds = 0): { log: ResponseLog; entries: ResponseEntries } {
    return openingLog(path, () => ResponseLog.openOrThrow(path, expectedIds));
  }

  private static openOrThrow(path: string, expectedIds: number): { log: ResponseLog; entries: ResponseEntries } {
    const { index, answered, keepBytes } = indexLog(path, expectedIds);
    if (existsSync(path)) truncateSync(path, keepBytes);
    const log = new ResponseLog(path, openSync(path, 'a+'), index, keepBytes, answered);
    return { log, entries: log };
  }

  /** The entries, read-only and without touching the file (a resume is checked before anything is written); close() after. */
  static read(path: string): { entries: ResponseEntries; close: () => void } {
    if (!existsSync(path)) return { entries: NO_ENTRIES, close: () => undefined };
    return openingLog(path, () => {
      const { index, answered, keepBytes } = indexLog(path);
      const log = new ResponseLog(path, openSync(path, 'r'), index, keepBytes, answered);
      return { entries: log, close: () => log.close() };
    });
  }

  append(entry: ResponseLogEntry): void {
    const text = `${redactSecrets(JSON.stringify(entry))}\n`;
    const bytes = Buffer.from(text, 'utf8');
    writeSync(this.descriptor, bytes, 0, bytes.length, null);
    const key = itemKey(entry.id, entry.repeat);
    const earlierAnswered = this.index.isAnswered(key);
    if (!(earlierAnswered && entry.output === null)) {
      if (!earlierAnswered && entry.output !== null) this.answered += 1;
      this.index.set(key, this.size, entry.output !== null);
    }
    this.size += bytes.length;
  }

  /** The item's entry, checked against its schema (the index only knew its id and whether it has an answer). */
  get(id: string): ResponseLogEntry | undefined {
    const found = this.index.get(id);
    if (found === undefined) return undefined;
    const entry = parseEntry(this.lineAt(found.offset));
    const where = `${this.path} (item ${id}, byte ${found.offset})`;
    const whatToDo = 'delete that line to have the item asked again, or run into a new --out';
    return entry === undefined ? undefined : checkRunFile(validateEntry(), entry, where, whatToDo);
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  isAnswered(id: string): boolean {
    return this.index.isAnswered(id);
  }

  /** The line starting at `offset`, without its newline (every indexed line has one), read in one call when it fits the buffer. */
  private lineAt(offset: number): string {
    let filled = 0;
    for (;;) {
      if (filled === this.buffer.length) {
        const bigger = Buffer.alloc(this.buffer.length * 2);
        this.buffer.copy(bigger);
        this.buffer = bigger;
      }
      const read = readSync(this.descriptor, this.buffer, filled, this.buffer.length - filled, offset + filled);
      const end = this.buffer.subarray(0, filled + read).indexOf(0x0a, filled);
      filled += read;
      if (end !== -1) return this.buffer.toString('utf8', 0, end);
      if (read === 0) return this.buffer.toString('utf8', 0, filled); // the file ended first (it was cut under us)
    }
  }

  close(): void {
    closeSync(this.descriptor);
  }
}

/** A log that cannot be opened (a directory, unreadable) is a RunDirectoryError naming the file, not a crash. */
function openingLog<T>(path: string, open: () => T): T {
  try {
    return open();
  } catch (cause) {
    throw new RunDirectoryError(`cannot open the response log ${path}: ${(cause as Error).message}`, {
      cause,
      hint: 'It must be a regular file written by `shopeval run`; choose another --out.',
    });
  }
}

/** The last entry per id as byte ranges (an answer wins over a later error), and the bytes up to the last newline. */
function indexLog(path: string, expectedIds = 0): { index: ResponseLogIndex; answered: number; keepBytes: number } {
  const index = new ResponseLogIndex(expectedIds);
  let answered = 0;
  if (!existsSync(path)) return { index, answered, keepBytes: 0 };
  const keepBytes = scanLines(path, (line, offset) => {
    const entry = parseEntry(line);
    if (entry === undefined) return;
    const key = itemKey(entry.id, entry.repeat);
    const earlierAnswered = index.isAnswered(key);
    if (earlierAnswered && entry.output === null) return;
    if (!earlierAnswered && entry.output !== null) answered += 1;
    index.set(key, offset, entry.output !== null);
  });
  return { index, answered, keepBytes };
}

/** Calls `onLine` with each complete line (text, byte offset); returns the bytes up to the last newline. */
function scanLines(path: string, onLine: (line: string, offset: number) => void): number {
  const descriptor = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(READ_CHUNK);
    let pending: Buffer = Buffer.alloc(0);
    let pendingOffset = 0;
    let position = 0;
    for (
      let read = readSync(descriptor, chunk, 0, READ_CHUNK, position);
      read > 0;
      read = readSync(descriptor, chunk, 0, READ_CHUNK, position)
    ) {
      const data = pending.length > 0 ? Buffer.concat([pending, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let start = 0;
      for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
        onLine(data.subarray(start, end).toString('utf8'), pendingOffset + start);
        start = end + 1;
      }
      pending = Buffer.from(data.subarray(start));
      pendingOffset += start;
      position += read;
    }
    return pendingOffset;
  } finally {
    closeSync(descriptor);
  }
}

function parseEntry(line: string): ResponseLogEntry | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as Partial<ResponseLogEntry>;
    if (typeof value.id !== 'string' || (typeof value.output !== 'string' && value.output !== null)) return undefined;
    return value as ResponseLogEntry;
  } catch {
    return undefined; // a damaged line in the middle: the item is simply asked again
  }
}
