import type { PromptRow } from '../dataset/row';
import { ConfigError } from '../errors';
import type { LanguageModel } from '../providers/provider';
import { probeBehaviour, type BehaviourProbe } from './behaviour-probe';
import type { PromptSettings } from './prompt-settings';

/** One replica of a pool, as the identity probe asks it (retries and timeout, no cache, no pool). */
export interface ReplicaProbeModel {
  readonly endpoint: string;
  readonly model: LanguageModel;
}

/**
 * The behavioural probe of a replica pool: every replica answers the probe items (one at a time each, the replicas in
 * parallel), and all must give the first one's greedy answers, or the pool mixes checkpoints that their servers'
 * facts cannot tell apart (a retrained model re-served under the same name and path). The first replica's answers are
 * the run's evidence; a replica that cannot answer makes the probe fail as one endpoint's would.
 */
export async function probeReplicas(args: {
  readonly replicas: readonly ReplicaProbeModel[];
  readonly rows: readonly PromptRow[];
  readonly prompt: PromptSettings;
  readonly signal?: AbortSignal;
}): Promise<BehaviourProbe> {
  const probes = await Promise.all(
    args.replicas.map((replica) =>
      probeBehaviour({
        rows: args.rows,
        model: replica.model,
        prompt: args.prompt,
        ...(args.signal === undefined ? {} : { signal: args.signal }),
      }),
    ),
  );
  const failedAt = probes.findIndex((probe) => 'failed' in probe);
  const failed = probes[failedAt];
  if (failed !== undefined && 'failed' in failed)
    return { failed: `${failed.failed} on ${args.replicas[failedAt]?.endpoint ?? 'a replica'}` };
  const [first, ...rest] = probes;
  if (first === undefined || !('evidence' in first)) return { failed: 'the pool has no replica to probe' };
  const odd: string[] = [];
  rest.forEach((probe, index) => {
    if (!('evidence' in probe) || probe.evidence.sha256 === first.evidence.sha256) return;
    const differing = probe.answers.find((answer, at) => answer.response.text !== first.answers[at]?.response.text);
    const endpoint = args.replicas[index + 1]?.endpoint ?? 'a replica';
    odd.push(
      `${endpoint} answers the probe item ${differing?.row.id ?? first.evidence.items[0] ?? '?'} differently from ${args.replicas[0]?.endpoint ?? 'the first replica'}`,
    );
  });
  if (odd.length > 0) {
    throw new ConfigError(`the replicas do not serve the same checkpoint: ${odd.join(' | ')} (greedy answers at the run's settings)`, {
      hint: 'Point every --base-url at a server of the same checkpoint; if they are the same checkpoint on engines whose greedy answers vary, pin it with --checkpoint-id.',
    });
  }
  return first;
}
