import { ConfigError } from '../../errors';
import { defined } from '../../util/defined';
import type { CheckpointIdentity } from '../identity/checkpoint-identity';
import type { GenerateRequest, GenerateResponse, GenerationSettings, LanguageModel } from '../provider';
import { ResponseCache, sha256Hex, type CachedResponse } from './response-cache';
import { wrapLanguageModel } from './wrap-language-model';

export interface CacheSettings {
  readonly directory: string;
  /** Fail on a miss instead of calling the server (offline CI). */
  readonly cacheOnly?: boolean;
  /** The checkpoint the answers come from; the caller uses the cache only when it tells checkpoints apart. */
  readonly identity?: CheckpointIdentity | undefined;
}

export interface CacheStatistics {
  hits: number;
  misses: number;
}

/** Thrown in cache-only mode when a request is not in the cache: the run stops. */
export class CacheMissError extends ConfigError {
  /** The same miss naming the item it was for: the middleware sees a request, the run loop knows its item. */
  forItem(id: string): CacheMissError {
    return new CacheMissError(`cache-only mode: no cached answer for item ${id}`, {
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      cause: this,
    });
  }
}

/**
 * The cache file's key: provider, API, model name and the checkpoint identity (server kind, stable facts, pinned id,
 * behavioural evidence). The endpoint is not in it: the same checkpoint on another port answers the same.
 */
export function cacheNamespace(model: LanguageModel, identity: CheckpointIdentity | undefined): string {
  const { provider, api, model: name } = model.description;
  const checkpoint =
    identity === undefined
      ? null
      : {
          server: identity.server,
          facts: sortKeys(identity.facts),
          checkpoint_id: identity.checkpoint_id,
          behaviour: identity.behaviour?.sha256 ?? null,
        };
  return JSON.stringify({ provider, api: api ?? null, model: name, checkpoint });
}

/**
 * Every request setting; item metadata is left out so identical prompts share an entry. The settings added later
 * (sampling pass-through, extra body, logprobs) join the key only when set, so the keys of earlier runs still match.
 */
export function requestKey(request: GenerateRequest): string {
  const { temperature, maxTokens, stop, seed, topP, topK, presencePenalty, frequencyPenalty, extraBody, topLogprobs } = request.settings;
  const added = defined({
    topP,
    topK,
    presencePenalty,
    frequencyPenalty,
    extraBody: extraBody === undefined ? undefined : sortDeep(extraBody),
    topLogprobs,
  });
  const settings = { temperature, maxTokens: maxTokens ?? null, stop: stop ?? null, seed: seed ?? null, ...added };
  // turns join the key only when present, so the keys of runs without them stay what they were
  const turns =
    request.turns === undefined || request.turns.length === 0 ? {} : { turns: request.turns.map((turn) => [turn.role, turn.content]) };
  return sha256Hex(JSON.stringify({ system: request.system ?? null, ...turns, prompt: request.prompt, settings }));
}

/** Sampled without a seed: each call draws a new answer, so a stored one must never stand in for it. */
export function isSampled(settings: GenerationSettings): boolean {
  return settings.temperature > 0 && settings.seed === undefined;
}

/** Key order must not change the key: `{"a":1,"b":2}` and `{"b":2,"a":1}` are one request. */
function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, sortDeep(item)]),
  );
}

function sortKeys<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function stored(response: GenerateResponse): CachedResponse {
  return {
    text: response.text,
    latencyMs: response.latencyMs,
    ...(response.usage === undefined ? {} : { usage: response.usage }),
    ...(response.systemFingerprint === undefined ? {} : { systemFingerprint: response.systemFingerprint }),
    ...(response.nullContent === true ? { nullContent: true } : {}),
    ...(response.firstTokenLogprobs === undefined ? {} : { firstTokenLogprobs: response.firstTokenLogprobs }),
    ...(response.reasoning === undefined ? {} : { reasoning: response.reasoning }),
  };
}

/** Answers repeated requests from disk; only successful answers to unsampled requests are stored. */
export function cacheMiddleware(
  model: LanguageModel,
  settings: CacheSettings,
): {
  model: LanguageModel;
  statistics: CacheStatistics;
  remember: (request: GenerateRequest, response: GenerateResponse) => void;
  close: () => void;
} {
  const cache = new ResponseCache(settings.directory, cacheNamespace(model, settings.identity));
  const statistics: CacheStatistics = { hits: 0, misses: 0 };
  const remember = (request: GenerateRequest, response: GenerateResponse): void => {
    if (!isSampled(request.settings)) cache.set(requestKey(request), stored(response));
  };
  const wrapped = wrapLanguageModel(model, async (request, next) => {
    if (isSampled(request.settings)) return next(request);
    const key = requestKey(request);
    const hit = cache.get(key);
    if (hit !== undefined) {
      statistics.hits += 1;
      return { ...hit, attempts: 0, cached: true };
    }
    statistics.misses += 1;
    if (settings.cacheOnly === true)
      throw new CacheMissError('cache-only mode: no cached answer for this request', {
        hint: 'Run once without --cache-only to fill the cache (same endpoint, model and settings).',
      });
    const response = await next(request);
    cache.set(key, stored(response));
    return response;
  });
  return { model: wrapped, statistics, remember, close: () => cache.close() };
}
