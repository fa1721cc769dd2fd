import type { CheckpointIdentity } from '../identity/checkpoint-identity';
import type { GenerateRequest, GenerateResponse, LanguageModel } from '../provider';
import { cacheMiddleware, type CacheStatistics } from './cache-middleware';
import { concurrencyLimitMiddleware } from './concurrency-limit-middleware';
import { endpointWatchMiddleware, type EndpointWatch } from './endpoint-watch-middleware';
import { retryMiddleware, type RetrySettings } from './retry-middleware';
import { timeoutMiddleware } from './timeout-middleware';

export interface MiddlewareSettings {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retry: RetrySettings;
  /** Omit to run without a cache. */
  readonly cache?: { readonly directory: string; readonly cacheOnly: boolean; readonly identity: CheckpointIdentity | undefined };
  /** Sees every attempt, to notice an endpoint that stopped answering (see endpoint-watch-middleware.ts). */
  readonly watch?: EndpointWatch;
}

export interface MiddlewareStack {
  readonly model: LanguageModel;
  readonly cache: CacheStatistics | undefined;
  /** Stores an answer obtained outside the stack (the identity probe's) as if the cache had seen it. */
  readonly remember: (request: GenerateRequest, response: GenerateResponse) => void;
  readonly close: () => void;
}

/** The stack, outermost first: cache -> concurrency limit -> retry -> endpoint watch -> timeout -> adapter. */
export function applyMiddleware(model: LanguageModel, settings: MiddlewareSettings): MiddlewareStack {
  const attempt = timeoutMiddleware(model, settings.timeoutMs);
  const watched = settings.watch === undefined ? attempt : endpointWatchMiddleware(attempt, settings.watch);
  const limited = concurrencyLimitMiddleware(retryMiddleware(watched, settings.retry), settings.concurrency);
  if (settings.cache === undefined || !model.cacheable) return { model: limited, cache: undefined, remember: () => undefined, close: () => undefined };
  const cached = cacheMiddleware(limited, { directory: settings.cache.directory, cacheOnly: settings.cache.cacheOnly, identity: settings.cache.identity });
  return { model: cached.model, cache: cached.statistics, remember: cached.remember, close: cached.close };
}
