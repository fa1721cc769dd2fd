import type { Ollama } from 'ollama';
import { probeFailure } from '../probe-failure';
import type { EndpointProbe } from '../provider';
import { ProviderCallError, asProviderCallError } from '../provider-call-error';

/**
 * /api/tags (the model's digest) then /api/show (family, size, quantisation), both within the timeout.
 * Unreachable or silent: a ProviderError; any other failure: no fingerprint.
 */
export async function probeOllamaModel(args: {
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
    const classified = signal.aborted ? new ProviderCallError({ kind: 'timeout', message: `no answer within ${args.timeoutMs} ms`, cause: error }) : asProviderCallError(error);
    const failure = probeFailure(classified, args.endpoint, { baseUrlVariable: 'OLLAMA_HOST' });
    if (failure !== undefined) throw failure;
    return classified.isRetryable ? { fingerprint: undefined, transient: true } : { fingerprint: undefined };
  }
  const models = Array.isArray(tags.models) ? tags.models : [];
  const wanted = args.model.includes(':') ? args.model : `${args.model}:latest`;
  const entry = models.find((candidate) => candidate.name === args.model || candidate.name === wanted || candidate.model === wanted);
  if (entry === undefined) {
    const served = models.map((candidate) => candidate.name).filter((name) => typeof name === 'string');
    return { fingerprint: { name: args.model, listed: false }, ...(served.length === 0 ? {} : { unlistedAmong: served }) };
  }
  const shown = await client.show({ model: args.model }).catch(() => undefined);
  const details = shown?.details ?? entry.details;
  return {
    fingerprint: {
      name: entry.name,
      digest: entry.digest,
      size: entry.size,
      family: details?.family ?? null,
      parameter_size: details?.parameter_size ?? null,
      quantization_level: details?.quantization_level ?? null,
    },
  };
}
