import type { StreamedRows } from '../dataset/load-dataset';
import type { AnswerRow } from '../dataset/row';
import { applyMiddleware } from '../providers/middleware/apply-middleware';
import type { LanguageModel } from '../providers/provider';
import { retryPolicy } from '../providers/retry-policy';
import { probeCandidates } from './behaviour-probe';
import { establishIdentity, type EstablishedIdentity } from './establish-identity';
import { resolveServerIdentity } from './resolve-identity';
import type { ResolvedRunOptions } from './run-options';

/**
 * Establishes which checkpoint a run talks to (the server's facts, then the behavioural probe through stacks of its
 * own) and runs `answer` with it; the probe stacks stay open until `answer` settles, then close.
 */
export async function withRunIdentity<T>(
  options: ResolvedRunOptions,
  dataset: StreamedRows<AnswerRow>,
  model: LanguageModel,
  answer: (established: EstablishedIdentity) => Promise<T>,
): Promise<T> {
  const resolved = await resolveServerIdentity(model, {
    cache: options.cache,
    timeoutMs: Math.min(options.timeoutMs, 30_000),
    reporter: options.reporter,
    // a model list answers at once when the server is up: a few quick probes, each within at most 30 s
    retry: retryPolicy({
      ...options.retry,
      maxAttempts: Math.min(4, options.retry.maxAttempts),
      initialDelayMs: Math.min(100, options.retry.initialDelayMs ?? 100),
      maxDelayMs: 2000,
    }),
  });
  const probeSettings = {
    // one at a time: a request decoded alone gives the same greedy answer on every run; sent together, the engine's
    // continuous batching joins them differently with their arrival times and can flip a near-tie
    concurrency: 1,
    timeoutMs: options.timeoutMs,
    retry: { ...options.retry, maxAttempts: Math.min(3, options.retry.maxAttempts) },
  };
  const probeStack = applyMiddleware(model, probeSettings);
  // a pool's replicas are each asked the probe items, straight (no pool between), to check they answer alike
  const replicaStacks = model.replicas?.members.map((member, index) => ({
    endpoint: model.replicas?.endpoints[index] ?? '',
    stack: applyMiddleware(member, probeSettings),
  }));
  try {
    const established = await establishIdentity({
      resolved,
      model,
      probeModel: probeStack.model,
      rows: () => probeCandidates(dataset.rowsInOrder(), options.prompt),
      prompt: options.prompt,
      cache: options.cache,
      replicaProbeModels: replicaStacks?.map(({ endpoint, stack }) => ({ endpoint, model: stack.model })),
      checkpointId: options.checkpointId,
      identityProbe: options.identityProbe,
      signal: options.signal,
    });
    return await answer(established);
  } finally {
    probeStack.close();
    for (const { stack } of replicaStacks ?? []) stack.close();
  }
}
