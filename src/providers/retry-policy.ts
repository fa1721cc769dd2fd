import { redactSecrets } from './redact-secrets';

/**
 * The one retry policy: how many calls, how long between them (exponential backoff with jitter, never shorter than
 * the server's Retry-After), and the clock. The retry middleware, the start-up probe and the embedders all retry
 * through withRetries() with a RetryPolicy value; the `openai` and `ollama` clients themselves never retry.
 */
export interface RetryPolicy {
  /** Calls in all, the first included. */
  readonly maxAttempts: number;
  /** Delay before the second call; doubles each time. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is cut to it. */
  readonly maxRetryAfterMs: number;
  /** Injectable for tests. */
  readonly random: () => number;
  readonly sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
}

/** A policy as a caller gives it: any field left out takes its default. */
export type RetrySettings = Partial<RetryPolicy>;

/** The defaults, exported so a library user can start from them (8 calls: a 20% failure rate loses ~1 item in 400,000). */
export const DEFAULT_RETRY = {
  maxAttempts: 8,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
} as const satisfies RetrySettings;

/** A complete policy from partial settings. */
export function retryPolicy(settings: RetrySettings = {}): RetryPolicy {
  return {
    maxAttempts: Math.max(1, settings.maxAttempts ?? DEFAULT_RETRY.maxAttempts),
    initialDelayMs: settings.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs,
    maxDelayMs: settings.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    maxRetryAfterMs: settings.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs,
    random: settings.random ?? Math.random,
    sleep: settings.sleep ?? sleepFor,
  };
}

/** Backoff before attempt `attempt + 1`: exponential with "equal jitter" (half fixed, half random) so clients spread out. */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  const jittered = exponential / 2 + policy.random() * (exponential / 2);
  if (retryAfterMs === undefined) return jittered;
  // the server said when: never earlier than that, but jitter on top so a burst of 429s does not return as one burst
  return Math.min(policy.maxRetryAfterMs, retryAfterMs) + jittered / 4;
}

/** What a failed call means for the next one; `error` is what is thrown when no attempt is left. */
export interface RetryVerdict {
  readonly error: unknown;
  readonly retryable: boolean;
  readonly retryAfterMs?: number | undefined;
}

export interface RetryHooks<T> {
  /** Classifies a thrown error (called with the attempt that failed). */
  classify(error: unknown, attempt: number): RetryVerdict;
  /** A result that asks to be fetched again while attempts remain (e.g. a probe answered by a restarting server). */
  retryResult?(value: T): boolean;
  readonly signal?: AbortSignal | undefined;
  /** Told before each wait: a reporter's view of the retries (called only when a call is asked again). */
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** A call that failed in a way that may pass, asked again after `delayMs` (attempt `attempt` of at most `maxAttempts`). */
export interface RetryEvent {
  readonly type: 'retry';
  /** The attempt that failed (1 is the first call). */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly delayMs: number;
  /** What failed: the error's message with any registered key redacted, or that the answer asked to be fetched again. */
  readonly reason: string;
}

/** Calls `call` until it succeeds, fails for good, the attempts run out or `signal` aborts. */
export async function withRetries<T>(policy: RetryPolicy, call: (attempt: number) => Promise<T>, hooks: RetryHooks<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    // judged after the call: an abort during it ends the retries
    const last = (): boolean => attempt >= policy.maxAttempts || hooks.signal?.aborted === true;
    let value: T;
    try {
      value = await call(attempt);
    } catch (thrown) {
      const verdict = hooks.classify(thrown, attempt);
      if (!verdict.retryable || last()) throw verdict.error;
      await wait(policy, hooks, attempt, retryDelay(policy, attempt, verdict.retryAfterMs), verdict.error);
      continue;
    }
    if (last() || hooks.retryResult?.(value) !== true) return value;
    await wait(policy, hooks, attempt, retryDelay(policy, attempt, undefined), 'a transient answer');
  }
}

/** The backoff before the next attempt, told to the hooks first. */
function wait(policy: RetryPolicy, hooks: RetryHooks<unknown>, attempt: number, delayMs: number, failure: unknown): Promise<void> {
  if (hooks.onRetry !== undefined) {
    const reason = redactSecrets(failure instanceof Error ? failure.message : String(failure));
    hooks.onRetry({ type: 'retry', attempt, maxAttempts: policy.maxAttempts, delayMs: Math.round(delayMs), reason });
  }
  return policy.sleep(delayMs, hooks.signal);
}

function sleepFor(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
