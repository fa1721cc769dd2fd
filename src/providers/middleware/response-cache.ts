import { createHash, hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { TokenLogprob, TokenUsage } from '../provider';
import { redactSecrets } from '../redact-secrets';
import { registerCacheUser } from './cache-users';

export interface CachedResponse {
  readonly text: string;
  readonly latencyMs: number;
  readonly usage?: TokenUsage;
  readonly systemFingerprint?: string;
  readonly nullContent?: boolean;
  readonly firstTokenLogprobs?: readonly TokenLogprob[];
  readonly reasoning?: string;
}

/** $XDG_CACHE_HOME/shopeval, or ~/.cache/shopeval. */
export function defaultCacheDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  const xdg = environment['XDG_CACHE_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'shopeval');
}

/** Response files are `responses-<namespace hash>.jsonl`, one per endpoint, model and fingerprint. */
export const RESPONSE_FILE_PREFIX = 'responses-';

export function sha256Hex(text: string): string {
  // one-shot hashing (Node >= 20.12) skips the Hash object: half the cost of every request key
  return typeof hash === 'function' ? hash('sha256', text) : createHash('sha256').update(text).digest('hex');
}

/**
 * A persistent map from request key to response: one append-only JSON Lines file per namespace
 * (provider, model and checkpoint identity), loaded on first use; a torn last line from a crash is cut, so the next entry
 * does not glue onto it.
 */
export class ResponseCache {
  private readonly file: string;
  private entries: Map<string, CachedResponse> | undefined;
  private descriptor: number | undefined;
  /** Lines waiting for the end of this event-loop turn: one write(2) per turn instead of one per answer. */
  private pending = '';
  private flushScheduled = false;
  private readonly release: () => void;

  constructor(directory: string, namespace: string) {
    mkdirSync(directory, { recursive: true });
    this.file = join(directory, `${RESPONSE_FILE_PREFIX}${sha256Hex(namespace).slice(0, 24)}.jsonl`);
    this.release = registerCacheUser(directory);
  }

  get(key: string): CachedResponse | undefined {
    return this.load().get(key);
  }

  set(key: string, response: CachedResponse): void {
    this.load().set(key, response);
    const line = {
      key,
      text: response.text,
      latency_ms: response.latencyMs,
      usage: response.usage,
      system_fingerprint: response.systemFingerprint,
      ...(response.nullContent === true ? { null_content: true } : {}),
      ...(response.firstTokenLogprobs === undefined ? {} : { top_logprobs: response.firstTokenLogprobs }),
      ...(response.reasoning === undefined ? {} : { reasoning: response.reasoning }),
    };
    this.pending += `${redactSecrets(JSON.stringify(line))}\n`;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes the lines of this turn; a crash in between loses only cache entries, never a logged response. */
  flush(): void {
    this.flushScheduled = false;
    if (this.pending === '') return;
    this.descriptor ??= openSync(this.file, 'a');
    const text = this.pending;
    this.pending = '';
    writeSync(this.descriptor, text);
  }

  close(): void {
    this.flush();
    if (this.descriptor !== undefined) closeSync(this.descriptor);
    this.descriptor = undefined;
    this.release();
  }

  private load(): Map<string, CachedResponse> {
    if (this.entries !== undefined) return this.entries;
    const entries = new Map<string, CachedResponse>();
    let content: Buffer;
    try {
      content = readFileSync(this.file);
    } catch {
      this.entries = entries; // no cache file yet
      return entries;
    }
    const keepBytes = content.lastIndexOf(0x0a) + 1;
    if (keepBytes < content.length) truncateSync(this.file, keepBytes);
    for (const line of content.subarray(0, keepBytes).toString('utf8').split('\n')) {
      const entry = parseLine(line);
      if (entry !== undefined) entries.set(entry.key, entry.response);
    }
    this.entries = entries;
    return entries;
  }
}

export function parseLine(line: string): { key: string; response: CachedResponse } | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as {
      key?: unknown;
      text?: unknown;
      latency_ms?: unknown;
      usage?: TokenUsage;
      system_fingerprint?: unknown;
      null_content?: unknown;
      top_logprobs?: unknown;
      reasoning?: unknown;
    };
    if (typeof value.key !== 'string' || typeof value.text !== 'string') return undefined;
    const latencyMs = typeof value.latency_ms === 'number' ? value.latency_ms : 0;
    const response: CachedResponse = {
      text: value.text,
      latencyMs,
      ...(value.usage === undefined ? {} : { usage: value.usage }),
      ...(typeof value.system_fingerprint === 'string' ? { systemFingerprint: value.system_fingerprint } : {}),
      ...(value.null_content === true ? { nullContent: true } : {}),
      ...(Array.isArray(value.top_logprobs) ? { firstTokenLogprobs: value.top_logprobs.filter(isTokenLogprob) } : {}),
      ...(typeof value.reasoning === 'string' ? { reasoning: value.reasoning } : {}),
    };
    return { key: value.key, response };
  } catch {
    return undefined; // a line torn by a crash
  }
}

function isTokenLogprob(value: unknown): value is TokenLogprob {
  const candidate = value as { token?: unknown; logprob?: unknown } | null;
  return typeof candidate?.token === 'string' && typeof candidate.logprob === 'number';
}
