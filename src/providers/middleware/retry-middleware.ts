import type { LanguageModel } from '../provider';
import { asProviderCallError } from '../provider-call-error';
import { wrapLanguageModel } from './wrap-language-model';

export interface RetrySettings {
  /** Calls per item, the first included. @default 8 (a 20% failure rate loses ~1 item in 400,000) */
  readonly maxAttempts?: number;
  /** Delay before the second call; doubles each time. @default 500 */
  readonly initialDelayMs?: number;
  /** @default 30000 */
  readonly maxDelayMs?: number;
  /** A Retry-After longer than this is cut to it. @default 120000 */
  readonly maxRetryAfterMs?: number;
  /** Injectable for tests. @default Math.random */
  readonly random?: () => number;
  readonly sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
}

/** The retry policy's defaults, exported so a library user can start from them. */
export const DEFAULT_RETRY = { maxAttempts: 8, initialDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 } as const satisfies RetrySettings;
export const DEFAULT_MAX_ATTEMPTS = DEFAULT_RETRY.maxAttempts;

/** Backoff before attempt `attempt + 1`: exponential with "equal jitter" (half fixed, half random) so clients spread out. */
export function backoffDelay(attempt: number, settings: RetrySettings, retryAfterMs: number | undefined): number {
  const initial = settings.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs;
  const ceiling = settings.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  const exponential = Math.min(ceiling, initial * 2 ** (attempt - 1));
  const jittered = exponential / 2 + (settings.random ?? Math.random)() * (exponential / 2);
  if (retryAfterMs === undefined) return jittered;
  // the server said when: never earlier than that, but jitter on top so a burst of 429s does not return as one burst
  return Math.min(settings.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs, retryAfterMs) + jittered / 4;
}

function defaultSleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
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

/** Retries retryable failures (408/409/429/5xx, connection, timeout, malformed body) with backoff; the only retry layer. */
export function retryMiddleware(model: LanguageModel, settings: RetrySettings = {}): LanguageModel {
  const maxAttempts = Math.max(1, settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const sleep = settings.sleep ?? defaultSleep;
  return wrapLanguageModel(model, async (request, next) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await next(request);
        return { ...response, attempts: attempt };
      } catch (thrown) {
        const error = asProviderCallError(thrown);
        error.attempts = attempt;
        if (!error.isRetryable || attempt >= maxAttempts || request.abortSignal?.aborted === true) throw error;
        await sleep(backoffDelay(attempt, settings, error.retryAfterMs), request.abortSignal);
      }
    }
  });
}
