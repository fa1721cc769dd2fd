import type { Ollama } from 'ollama';
import { ConfigError } from '../../errors';
import { nameOnlyIdentity } from '../identity/checkpoint-identity';
import { probeFailure } from '../probe-failure';
import type { EndpointProbe } from '../provider';
import { ProviderCallError, asProviderCallError } from '../provider-call-error';
import { requireLogprobsVersion } from './ollama-logprobs-version';

/**
 * /api/tags within the timeout: the model's digest (a hash of its manifest, so it changes when the model is replaced
 * or re-created) is its identity, with size and /api/show's details. `modified_at` is left out: a re-pull of the same
 * digest changes it. Unreachable or silent: a ProviderError; a host ending in /v1: a ConfigError naming the host to use.
 */
export async function probeOllamaModel(args: {
  readonly clientFor: (signal: AbortSignal | undefined) => Ollama;
  readonly model: string;
  readonly endpoint: string;
  readonly timeoutMs: number;
  /** Refuse a server whose /api/version predates logprobs, before any item is sent. */
  readonly needsLogprobs?: boolean;
}): Promise<EndpointProbe> {
  const probe = await probeTags(args);
  // once the server answered (a dead one fails above, as a dead endpoint)
  if (args.needsLogprobs === true && probe.transient !== true)
    await requireLogprobsVersion(args.clientFor(AbortSignal.timeout(args.timeoutMs)), args.endpoint);
  return probe;
}

async function probeTags(args: {
  readonly clientFor: (signal: AbortSignal | undefined) => Ollama;
  readonly model: string;
  readonly endpoint: string;
  readonly timeoutMs: number;
}): Promise<EndpointProbe> {
  const signal = AbortSignal.timeout(args.timeoutMs);
  const client = args.clientFor(signal);
  let tags: Awaited<ReturnType<Ollama['list']>>;
  try {
    tags = await client.list();
  } catch (error) {
    const classified = signal.aborted
      ? new ProviderCallError({ kind: 'timeout', message: `no answer within ${args.timeoutMs} ms`, cause: error })
      : asProviderCallError(error);
    const failure = probeFailure(classified, args.endpoint, { baseUrlVariable: 'OLLAMA_HOST' });
    if (failure !== undefined) throw failure;
    if (classified.status === 404) refuseExtraV1(args.endpoint);
    return classified.isRetryable ? { identity: undefined, transient: true } : { identity: nameOnlyIdentity(args.model, 'ollama') };
  }
  const models = Array.isArray(tags.models) ? tags.models : [];
  const wanted = args.model.includes(':') ? args.model : `${args.model}:latest`;
  const entry = models.find((candidate) => candidate.name === args.model || candidate.name === wanted || candidate.model === wanted);
  if (entry === undefined) {
    const served = models.map((candidate) => candidate.name).filter((name) => typeof name === 'string');
    return { identity: nameOnlyIdentity(args.model, 'ollama'), ...(served.length === 0 ? {} : { unlistedAmong: served }) };
  }
  const shown = await client.show({ model: args.model }).catch(() => undefined);
  const details = shown?.details ?? entry.details;
  const digest = typeof entry.digest === 'string' && entry.digest !== '' ? entry.digest : undefined;
  return {
    identity: {
      server: 'ollama',
      facts: {
        name: entry.name,
        digest: digest ?? null,
        size: typeof entry.size === 'number' ? entry.size : null,
        family: details?.family ?? null,
        parameter_size: details?.parameter_size ?? null,
        quantization_level: details?.quantization_level ?? null,
      },
      strength: digest === undefined ? 'metadata' : 'content-digest',
    },
  };
}

/** Ollama's native API lives at the root; a host ending in /v1 (its OpenAI-compatible path) gets 404 for /api/tags. */
function refuseExtraV1(endpoint: string): void {
  const url = new URL(endpoint);
  if (!/\/v1\/?$/.test(url.pathname)) return;
  url.pathname = url.pathname.replace(/\/v1\/?$/, '') || '/';
  const root = url.toString().replace(/\/+$/, '');
  throw new ConfigError(`${endpoint} answers 404 to /api/tags: Ollama's native API is at the server's root, not under /v1`, {
    hint: `Pass --base-url ${root} (or set OLLAMA_HOST to it), or use --provider openai-compatible with --base-url ${endpoint}. Nothing was requested or recorded.`,
  });
}
