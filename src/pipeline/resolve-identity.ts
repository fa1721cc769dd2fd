import { ProviderError } from '../errors';
import { nameOnlyIdentity, type CheckpointIdentity, type ServerIdentity } from '../providers/identity/checkpoint-identity';
import { CacheMissError } from '../providers/middleware/cache-middleware';
import { recordedIdentity } from '../providers/middleware/identity-index';
import type { EndpointProbe, LanguageModel } from '../providers/provider';
import { retryPolicy, withRetries, type RetryPolicy } from '../providers/retry-policy';
import type { NoteReporter } from '../util/note-event';

export interface ResolveIdentityArgs {
  readonly cache?: { readonly directory: string; readonly cacheOnly: boolean } | undefined;
  readonly timeoutMs: number;
  /** How often and how patiently to probe: one dropped connection must not stop a run. @default a single probe */
  readonly retry?: RetryPolicy;
  readonly reporter?: NoteReporter | undefined;
}

/** What the server says about its checkpoint, or, offline, the identity an online run recorded in the cache directory. */
export type ResolvedIdentity =
  { readonly kind: 'probed'; readonly server: ServerIdentity } | { readonly kind: 'recorded'; readonly identity: CheckpointIdentity };

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
      throw new CacheMissError(
        `cache-only mode: ${model.description.model} at ${model.description.endpoint ?? 'this endpoint'} was never run with the cache in ${args.cache.directory}`,
        {
          hint: 'Run once without --cache-only to fill the cache (same endpoint, model and settings).',
        },
      );
    }
    return { kind: 'recorded', identity: recorded };
  }
  if (model.probe === undefined) return local;
  const probe = await probeWithRetries(model.probe.bind(model), args);
  if (probe.unlistedAmong !== undefined) {
    const served = probe.unlistedAmong.slice(0, 10).join(', ') + (probe.unlistedAmong.length > 10 ? ', ...' : '');
    args.reporter?.({
      type: 'warning',
      message: `${model.description.endpoint ?? 'the server'} does not list the model "${model.description.model}"; it serves: ${served}. Going on (some servers alias model names); check --model if items fail.`,
    });
  }
  return { kind: 'probed', server: probe.identity ?? nameOnlyIdentity(model.description.model) };
}

/**
 * The probe, asked again under the retry policy while it fails in a way that may pass: a connection that drops or
 * times out (a retryable ProviderError) or a 408/409/429/5xx answer (`transient`). An identity missed by bad luck
 * would key the cache differently and make a resume look like another run.
 */
function probeWithRetries(probe: NonNullable<LanguageModel['probe']>, args: ResolveIdentityArgs): Promise<EndpointProbe> {
  return withRetries(args.retry ?? retryPolicy({ maxAttempts: 1 }), () => probe({ timeoutMs: args.timeoutMs }), {
    classify: (error) => ({
      error,
      retryable: error instanceof ProviderError && error.isRetryable,
      retryAfterMs: error instanceof ProviderError ? error.retryAfterMs : undefined,
    }),
    retryResult: (result) => result.transient === true,
  });
}
