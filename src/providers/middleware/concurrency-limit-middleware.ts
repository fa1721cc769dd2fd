import type { LanguageModel } from '../provider';
import { ProviderCallError } from '../provider-call-error';
import { wrapLanguageModel } from './wrap-language-model';

/** @default 8: enough to keep a local server's batch busy without queueing minutes of work in it */
export const DEFAULT_CONCURRENCY = 8;

/** At most `limit` calls in flight; the rest wait in arrival order. */
export function concurrencyLimitMiddleware(model: LanguageModel, limit: number = DEFAULT_CONCURRENCY): LanguageModel {
  const slots = Math.max(1, Math.floor(limit));
  const waiting: (() => void)[] = [];
  let active = 0;
  const release = (): void => {
    const wake = waiting.shift();
    if (wake === undefined) active -= 1;
    else wake(); // hand the slot over without freeing it
  };
  return wrapLanguageModel(model, async (request, next) => {
    if (active < slots) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      // stopped while it waited (SIGINT, a fatal error): give the slot back without calling
      if (request.abortSignal?.aborted === true)
        throw new ProviderCallError({ kind: 'aborted', message: 'request aborted', cause: request.abortSignal.reason });
      return await next(request);
    } finally {
      release();
    }
  });
}
