import type { LanguageModel, ModelFingerprint } from '../provider';
import { cacheMiddleware, type CacheStatistics } from './cache-middleware';
import { concurrencyLimitMiddleware } from './concurrency-limit-middleware';
import { retryMiddleware, type RetrySettings } from './retry-middleware';
import { timeoutMiddleware } from './timeout-middleware';

export interface MiddlewareSettings {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retry: RetrySettings;
  /** Omit to run without a cache. */
  readonly cache?: { readonly directory: string; readonly cacheOnly: boolean; readonly fingerprint: ModelFingerprint | undefined };
}

/** The stack, outermost first: cache -> concurrency limit -> retry -> timeout -> adapter. */
export function applyMiddleware(model: LanguageModel, settings: MiddlewareSettings): { model: LanguageModel; cache: CacheStatistics | undefined; close: () => void } {
  const limited = concurrencyLimitMiddleware(retryMiddleware(timeoutMiddleware(model, settings.timeoutMs), settings.retry), settings.concurrency);
  if (settings.cache === undefined || !model.cacheable) return { model: limited, cache: undefined, close: () => undefined };
  const cached = cacheMiddleware(limited, { directory: settings.cache.directory, cacheOnly: settings.cache.cacheOnly, fingerprint: settings.cache.fingerprint });
  return { model: cached.model, cache: cached.statistics, close: cached.close };
}
