import { CacheMissError } from '../providers/middleware/cache-middleware';
import { recordFingerprint, recordedFingerprint } from '../providers/middleware/fingerprint-index';
import type { LanguageModel, ModelFingerprint } from '../providers/provider';

export interface ResolveFingerprintArgs {
  readonly cache?: { readonly directory: string; readonly cacheOnly: boolean } | undefined;
  readonly timeoutMs: number;
  readonly notify?: ((message: string) => void) | undefined;
}

/**
 * The served checkpoint's fingerprint, which keys the cache and goes into the manifest. Online, the server is probed
 * first (a dead endpoint or a refused key fails here, before any item) and what it said is remembered in the cache
 * directory; in cache-only mode the server is never contacted and the remembered fingerprint is used.
 */
export async function resolveFingerprint(model: LanguageModel, args: ResolveFingerprintArgs): Promise<ModelFingerprint | undefined> {
  const remember = args.cache !== undefined && model.cacheable;
  if (args.cache?.cacheOnly === true) {
    if (!remember || model.probe === undefined) return undefined;
    const recorded = recordedFingerprint(args.cache.directory, model.description);
    if (recorded === undefined) {
      throw new CacheMissError(`cache-only mode: ${model.description.model} at ${model.description.endpoint ?? 'this endpoint'} was never run with the cache in ${args.cache.directory}`, {
        hint: 'Run once without --cache-only to fill the cache (same endpoint, model and settings).',
      });
    }
    return recorded.fingerprint;
  }
  if (model.probe === undefined) return undefined;
  const probe = await model.probe({ timeoutMs: args.timeoutMs });
  if (probe.unlistedAmong !== undefined) {
    const served = probe.unlistedAmong.slice(0, 10).join(', ') + (probe.unlistedAmong.length > 10 ? ', ...' : '');
    args.notify?.(`warning: ${model.description.endpoint ?? 'the server'} does not list the model "${model.description.model}"; it serves: ${served}. Going on (some servers alias model names); check --model if items fail.`);
  }
  if (remember && args.cache !== undefined) recordFingerprint(args.cache.directory, model.description, probe.fingerprint);
  return probe.fingerprint;
}
