import type { CheckpointIdentity } from '../identity/checkpoint-identity';
import type { GenerateRequest, GenerateResponse, LanguageModel } from '../provider';
import { cacheMiddleware, type CacheStatistics } from './cache-middleware';
import { concurrencyLimitMiddleware } from './concurrency-limit-middleware';
import { endpointWatchMiddleware, type EndpointWatch } from './endpoint-watch-middleware';
import { createReplicaPool } from '../pool/replica-pool';
import type { ReplicaFigures } from '../pool/replica-figures';
import { retryDelay, retryPolicy, type RetryEvent } from '../retry-policy';
import type { NoteEvent } from '../../util/note-event';
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
  /** Told when a replica of a pool is taken out or put back, and of each retry. */
  readonly reporter?: ((event: NoteEvent | RetryEvent) => void) | undefined;
}

export interface MiddlewareStack {
  readonly model: LanguageModel;
  readonly cache: CacheStatistics | undefined;
  /** Stores an answer obtained outside the stack (the identity probe's) as if the cache had seen it. */
  readonly remember: (request: GenerateRequest, response: GenerateResponse) => void;
  readonly close: () => void;
  /** Per-replica figures of a replica pool (several --base-url); undefined for one endpoint. */
  readonly replicas: (() => ReplicaFigures[]) | undefined;
}

/** The part under the retry layer: one endpoint's timeout and concurrency limit, or a pool of replicas each with both. */
function attemptLayers(
  model: LanguageModel,
  settings: MiddlewareSettings,
): { model: LanguageModel; limited: boolean; replicas: MiddlewareStack['replicas']; close: () => void } {
  const set = model.replicas;
  if (set === undefined)
    return { model: timeoutMiddleware(model, settings.timeoutMs), limited: false, replicas: undefined, close: () => undefined };
  const pool = createReplicaPool(
    { ...model, replicas: set },
    {
      concurrency: settings.concurrency,
      members: set.members.map((member) => timeoutMiddleware(member, settings.timeoutMs)),
      probeTimeoutMs: Math.min(settings.timeoutMs, 30_000),
      // re-probes back off like retries do (one policy), from the retry settings
      reprobeDelay: (attempt) => retryDelay(retryPolicy(settings.retry), attempt, undefined),
      reporter: settings.reporter,
    },
  );
  return { model: pool.model, limited: true, replicas: pool.figures, close: pool.close };
}

/**
 * The stack, outermost first: cache -> concurrency limit -> retry -> endpoint watch -> timeout -> adapter; with
 * replicas: cache -> retry -> endpoint watch -> replica pool (per replica: concurrency limit -> timeout -> adapter).
 */
export function applyMiddleware(model: LanguageModel, settings: MiddlewareSettings): MiddlewareStack {
  const attempt = attemptLayers(model, settings);
  const watched = settings.watch === undefined ? attempt.model : endpointWatchMiddleware(attempt.model, settings.watch);
  const retried = retryMiddleware(watched, settings.retry, settings.reporter);
  const limited = attempt.limited ? retried : concurrencyLimitMiddleware(retried, settings.concurrency);
  if (settings.cache === undefined || !model.cacheable)
    return { model: limited, cache: undefined, remember: () => undefined, close: attempt.close, replicas: attempt.replicas };
  const cached = cacheMiddleware(limited, {
    directory: settings.cache.directory,
    cacheOnly: settings.cache.cacheOnly,
    identity: settings.cache.identity,
  });
  const close = (): void => {
    cached.close();
    attempt.close();
  };
  return { model: cached.model, cache: cached.statistics, remember: cached.remember, close, replicas: attempt.replicas };
}
