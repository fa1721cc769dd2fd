import { ProviderError } from '../errors';
import { nameOnlyIdentity, type CheckpointIdentity, type ServerIdentity } from '../providers/identity/checkpoint-identity';
import { CacheMissError } from '../providers/middleware/cache-middleware';
import { recordedIdentity } from '../providers/middleware/identity-index';
import type { EndpointProbe, LanguageModel } from '../providers/provider';

export interface ResolveIdentityArgs {
  readonly cache?: { readonly directory: string; readonly cacheOnly: boolean } | undefined;
  readonly timeoutMs: number;
  /** Probes made at most, like the items' attempts: one dropped connection must not stop a run. @default 1 */
  readonly maxAttempts?: number;
  /** Waits between probes (tests shorten them). @default 100 ms, doubling, at most 2 s */
  readonly backoffMs?: (attempt: number) => number;
  readonly notify?: ((message: string) => void) | undefined;
}

/** What the server says about its checkpoint, or, offline, the identity an online run recorded in the cache directory. */
export type ResolvedIdentity = { readonly kind: 'probed'; readonly server: ServerIdentity } | { readonly kind: 'recorded'; readonly identity: CheckpointIdentity };

/**
 * Online, the server is probed first (a dead endpoint, a refused key or a base URL missing its /v1 fails here, before
 * any item and before anything is written); in cache-only mode the server is never contacted and the identity an
 * online run recorded is used.
 */
export async function resolveServerIdentity(model: LanguageModel, args: ResolveIdentityArgs): Promise<ResolvedIdentity> {
  const local: ResolvedIdentity = { kind: 'probed', server: nameOnlyIdentity(model.description.model, 'local') };
  if (args.cache?.cacheOnly === true && model.cacheable && model.probe !== undefined) {
    const recorded = recordedIdentity(args.cache.directory, model.description);
    if (recorded === undefined) {
      throw new CacheMissError(`cache-only mode: ${model.description.model} at ${model.description.endpoint ?? 'this endpoint'} was never run with the cache in ${args.cache.directory}`, {
        hint: 'Run once without --cache-only to fill the cache (same endpoint, model and settings).',
      });
    }
    return { kind: 'recorded', identity: recorded };
  }
  if (model.probe === undefined) return local;
  const probe = await probeWithRetries(model.probe.bind(model), args);
  if (probe.unlistedAmong !== undefined) {
    const served = probe.unlistedAmong.slice(0, 10).join(', ') + (probe.unlistedAmong.length > 10 ? ', ...' : '');
    args.notify?.(`warning: ${model.description.endpoint ?? 'the server'} does not list the model "${model.description.model}"; it serves: ${served}. Going on (some servers alias model names); check --model if items fail.`);
  }
  return { kind: 'probed', server: probe.identity ?? nameOnlyIdentity(model.description.model) };
}

/**
 * The probe, asked again while it fails in a way that may pass: a connection that drops or times out (a ProviderError
 * without a status) or a 408/409/429/5xx answer. An identity missed by bad luck would key the cache differently and
 * make a resume look like another run.
 */
async function probeWithRetries(probe: NonNullable<LanguageModel['probe']>, args: ResolveIdentityArgs): Promise<EndpointProbe> {
  const attempts = Math.max(1, args.maxAttempts ?? 1);
  const backoff = args.backoffMs ?? ((attempt: number) => Math.min(2000, 100 * 2 ** (attempt - 1)));
  for (let attempt = 1; ; attempt += 1) {
    let result: EndpointProbe;
    try {
      result = await probe({ timeoutMs: args.timeoutMs });
    } catch (error) {
      const mayPass = error instanceof ProviderError && error.status === undefined;
      if (!mayPass || attempt >= attempts) throw error;
      await sleep(backoff(attempt));
      continue;
    }
    if (result.transient !== true || attempt >= attempts) return result;
    await sleep(backoff(attempt));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
