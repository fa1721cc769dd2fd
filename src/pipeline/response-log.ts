import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { RunDirectoryError } from '../errors';
import type { TokenUsage } from '../providers/provider';
import { redactSecrets } from '../providers/redact-secrets';

/** One line of `responses.jsonl`: an item's answer, or the error that left it without one. */
export interface ResponseLogEntry {
  readonly id: string;
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
}

export function usageRecord(usage: TokenUsage | undefined): ResponseLogEntry['usage'] {
  if (usage === undefined) return undefined;
  return {
    ...(usage.promptTokens === undefined ? {} : { prompt_tokens: usage.promptTokens }),
    ...(usage.completionTokens === undefined ? {} : { completion_tokens: usage.completionTokens }),
  };
}

/**
 * The append-only response log: one line per finished item, written with a single write(2) as it arrives so a crash
 * loses at most the line being written. Opening it cuts a torn last line, so new lines never glue onto garbage.
 */
export class ResponseLog {
  private readonly descriptor: number;

  private constructor(descriptor: number) {
    this.descriptor = descriptor;
  }

  /** Opens (or creates) the log and returns the last entry per id found in it. */
  static open(path: string): { log: ResponseLog; entries: Map<string, ResponseLogEntry> } {
    try {
      return ResponseLog.openOrThrow(path);
    } catch (cause) {
      throw new RunDirectoryError(`cannot open the response log ${path}: ${(cause as Error).message}`, {
        cause,
        hint: 'It must be a regular file written by `shopeval run`; choose another --out.',
      });
    }
  }

  private static openOrThrow(path: string): { log: ResponseLog; entries: Map<string, ResponseLogEntry> } {
    const { entries, keepBytes, size } = readLog(path);
    if (keepBytes < size) truncateSync(path, keepBytes);
    return { log: new ResponseLog(openSync(path, 'a')), entries };
  }

  /** The last entry per id, without touching the file (to check a resume before anything is written). */
  static read(path: string): Map<string, ResponseLogEntry> {
    return readLog(path).entries;
  }

  append(entry: ResponseLogEntry): void {
    const text = `${redactSecrets(JSON.stringify(entry))}\n`;
    writeSync(this.descriptor, text, null, 'utf8');
  }

  close(): void {
    closeSync(this.descriptor);
  }
}

function readLog(path: string): { entries: Map<string, ResponseLogEntry>; keepBytes: number; size: number } {
  const entries = new Map<string, ResponseLogEntry>();
  if (!existsSync(path)) return { entries, keepBytes: 0, size: 0 };
  const content = readFileSync(path);
  const keepBytes = content.lastIndexOf(0x0a) + 1;
  for (const line of content.subarray(0, keepBytes).toString('utf8').split('\n')) {
    const entry = parseEntry(line);
    if (entry === undefined) continue;
    const earlier = entries.get(entry.id);
    if (earlier === undefined || earlier.output === null || entry.output !== null) entries.set(entry.id, entry);
  }
  return { entries, keepBytes, size: content.length };
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
