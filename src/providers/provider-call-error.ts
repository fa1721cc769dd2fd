import { ProviderError } from '../errors';
import { redactSecrets } from './redact-secrets';
import type { RetryVerdict } from './retry-policy';

/** Why a call failed, decided where it failed. */
export type CallFailureKind = 'http' | 'connection' | 'timeout' | 'invalid-response' | 'aborted' | 'not-found';

/** HTTP statuses worth another attempt: request timeout, conflict, rate limit, server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** A failed provider call, classified at the point of failure (one per item; the run records it, the CLI never sees it). */
export class ProviderCallError extends ProviderError {
  readonly kind: CallFailureKind;
  /** Calls made before giving up, set by the retry policy's caller. */
  attempts = 1;

  constructor(args: {
    kind: CallFailureKind;
    message: string;
    status?: number;
    retryAfterMs?: number;
    isRetryable?: boolean;
    cause?: unknown;
    /** Strings to cut from the message (the configured API key); `Bearer <token>` is always cut. */
    secrets?: readonly string[];
  }) {
    // redacted here, before the message can reach the stack, a log line or the terminal
    super(redactSecrets(args.message, args.secrets), {
      isRetryable: args.isRetryable ?? defaultRetryable(args.kind, args.status),
      status: args.status,
      retryAfterMs: args.retryAfterMs,
      cause: args.cause,
    });
    this.kind = args.kind;
  }

  /** One line for the response log and the items file (never a secret: see the constructor). */
  describe(): string {
    const text = this.status === undefined ? `${this.kind}: ${this.message}` : `http ${this.status}: ${this.message}`;
    return redactSecrets(text);
  }
}

function defaultRetryable(kind: CallFailureKind, status: number | undefined): boolean {
  return kind === 'http' ? isRetryableStatus(status ?? 0) : kind === 'connection' || kind === 'timeout' || kind === 'invalid-response';
}

/** Reads `retry-after-ms` (OpenAI's) or `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  if (headers === undefined) return undefined;
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && milliseconds.trim() !== '' && Number.isFinite(Number(milliseconds))) {
    return Math.max(0, Number(milliseconds));
  }
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Anything thrown by a call, as a ProviderCallError (unknown failures are not retried). */
export function asProviderCallError(error: unknown, secrets: readonly string[] = []): ProviderCallError {
  if (error instanceof ProviderCallError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderCallError({ kind: 'invalid-response', message, isRetryable: false, cause: error, secrets });
}

/** Checks an error's class by name: errors thrown by fetch's internals may come from another realm (e.g. under jest). */
export function isNamed(error: unknown, name: 'SyntaxError' | 'TypeError'): error is Error {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

/** A failed call as the retry policy sees it: the error itself, whether to try again, and the server's wait. */
export function retryVerdict(thrown: unknown, attempt: number, secrets: readonly string[] = []): RetryVerdict {
  const error = asProviderCallError(thrown, secrets);
  error.attempts = attempt;
  return { error, retryable: error.isRetryable, retryAfterMs: error.retryAfterMs };
}
