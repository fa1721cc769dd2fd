import { ConfigError } from '../../errors';
import type { GenerateRequest, LanguageModel, ModelFingerprint } from '../provider';
import { ResponseCache, sha256Hex } from './response-cache';
import { wrapLanguageModel } from './wrap-language-model';

export interface CacheSettings {
  readonly directory: string;
  /** Fail on a miss instead of calling the server (offline CI). */
  readonly cacheOnly?: boolean;
  readonly fingerprint?: ModelFingerprint | undefined;
}

export interface CacheStatistics {
  hits: number;
  misses: number;
}

/** Thrown in cache-only mode when a request is not in the cache: the run stops. */
export class CacheMissError extends ConfigError {}

/** Everything that identifies the served checkpoint (never a key: descriptions hold no secrets). */
function namespaceOf(model: LanguageModel, fingerprint: ModelFingerprint | undefined): string {
  return JSON.stringify({ description: sortKeys(model.description), fingerprint: fingerprint === undefined ? null : sortKeys(fingerprint) });
}

/** Every request setting; item metadata is left out so identical prompts share an entry. */
export function requestKey(request: GenerateRequest): string {
  const { temperature, maxTokens, stop, seed } = request.settings;
  const settings = { temperature, maxTokens: maxTokens ?? null, stop: stop ?? null, seed: seed ?? null };
  return sha256Hex(JSON.stringify({ system: request.system ?? null, prompt: request.prompt, settings }));
}

function sortKeys<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Answers repeated requests from disk; only successful answers are stored. */
export function cacheMiddleware(model: LanguageModel, settings: CacheSettings): { model: LanguageModel; statistics: CacheStatistics; close: () => void } {
  const cache = new ResponseCache(settings.directory, namespaceOf(model, settings.fingerprint));
  const statistics: CacheStatistics = { hits: 0, misses: 0 };
  const wrapped = wrapLanguageModel(model, async (request, next) => {
    const key = requestKey(request);
    const hit = cache.get(key);
    if (hit !== undefined) {
      statistics.hits += 1;
      return { ...hit, attempts: 0, cached: true };
    }
    statistics.misses += 1;
    if (settings.cacheOnly === true) throw new CacheMissError(`cache-only mode: no cached answer for item ${request.item.id}`, { hint: 'Run once without --cache-only to fill the cache (same endpoint, model and settings).' });
    const response = await next(request);
    cache.set(key, {
      text: response.text,
      latencyMs: response.latencyMs,
      ...(response.usage === undefined ? {} : { usage: response.usage }),
      ...(response.nullContent === true ? { nullContent: true } : {}),
    });
    return response;
  });
  return { model: wrapped, statistics, close: () => cache.close() };
}
