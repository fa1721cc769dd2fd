import type { PromptRow } from '../dataset/row';
import { ConfigError } from '../errors';
import {
  checkpointIdentity,
  describeStrength,
  tellsCheckpointsApart,
  type CheckpointIdentity,
} from '../providers/identity/checkpoint-identity';
import { isSampled } from '../providers/middleware/cache-middleware';
import { recordIdentity } from '../providers/middleware/identity-index';
import type { LanguageModel } from '../providers/provider';
import { probeBehaviour, type ProbeAnswer } from './behaviour-probe';
import { probeReplicas, type ReplicaProbeModel } from './probe-replicas';
import type { PromptSettings } from './prompt-settings';
import type { ResolvedIdentity } from './resolve-identity';

export interface EstablishIdentityArgs {
  readonly resolved: ResolvedIdentity;
  readonly model: LanguageModel;
  /** The model with retries and timeouts but no cache: what the probe items are asked through. */
  readonly probeModel: LanguageModel;
  /** A replica pool's replicas, each asked the probe items (they must all answer alike). */
  readonly replicaProbeModels?: readonly ReplicaProbeModel[] | undefined;
  /** The probe items' candidates, read only when the probe runs (an O(file) pass a run without the probe skips). */
  readonly rows: () => Promise<readonly PromptRow[]>;
  readonly prompt: PromptSettings;
  readonly cache: { readonly directory: string; readonly cacheOnly: boolean } | undefined;
  /** --checkpoint-id */
  readonly checkpointId?: string | undefined;
  /** False with --no-identity-probe. @default true */
  readonly identityProbe?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface EstablishedIdentity {
  readonly identity: CheckpointIdentity;
  /** The probe items' answers (they stand as those items' answers). */
  readonly probeAnswers: readonly ProbeAnswer[];
  /** Whether answers may be read from and written to the cross-run cache. */
  readonly useCache: boolean;
  /** Said once when the cache is configured but not used, with how to turn it on. */
  readonly note?: string;
}

/**
 * The run's checkpoint identity and whether the cross-run cache may serve it: only an identity that tells checkpoints
 * apart (a digest, a pinned id, or the greedy answers to the probe items) keys the cache, and sampled answers
 * (temperature > 0 without a seed) are never reused.
 */
export async function establishIdentity(args: EstablishIdentityArgs): Promise<EstablishedIdentity> {
  const cacheable = args.cache !== undefined && args.model.cacheable;
  const sampled = isSampled({
    temperature: args.prompt.temperature,
    ...(args.prompt.seed === undefined ? {} : { seed: args.prompt.seed }),
  });
  if (sampled && cacheable && args.cache?.cacheOnly === true) {
    throw new ConfigError(
      `--cache-only cannot answer a run sampled at temperature ${args.prompt.temperature} without --seed: sampled answers are never cached`,
      {
        hint: 'Pass --seed N (with a server that honours it), or --temperature 0.',
      },
    );
  }
  let identity: CheckpointIdentity;
  let probeAnswers: readonly ProbeAnswer[] = [];
  let probeFailure: string | undefined;
  if (args.resolved.kind === 'recorded') {
    const recorded = args.resolved.identity;
    identity =
      args.checkpointId === undefined || recorded.strength === 'content-digest'
        ? recorded
        : { ...recorded, strength: 'pinned', checkpoint_id: args.checkpointId, behaviour: null };
  } else {
    const server = args.resolved.server;
    const wantsProbe =
      cacheable &&
      args.cache?.cacheOnly !== true &&
      !sampled &&
      server.strength !== 'content-digest' &&
      args.checkpointId === undefined &&
      args.identityProbe !== false;
    const signal = args.signal === undefined ? {} : { signal: args.signal };
    const replicas = args.replicaProbeModels;
    const rows = wantsProbe ? await args.rows() : [];
    const probe = !wantsProbe
      ? undefined
      : replicas === undefined
        ? await probeBehaviour({ rows, model: args.probeModel, prompt: args.prompt, ...signal })
        : await probeReplicas({ replicas, rows, prompt: args.prompt, ...signal });
    if (probe !== undefined && 'failed' in probe) probeFailure = probe.failed;
    if (probe !== undefined && 'evidence' in probe) probeAnswers = probe.answers;
    identity = checkpointIdentity(server, args.checkpointId, probe !== undefined && 'evidence' in probe ? probe.evidence : null);
  }
  if (!cacheable || args.cache === undefined) return { identity, probeAnswers, useCache: false };
  if (sampled) {
    const note = `cross-run cache not used: answers sampled at temperature ${args.prompt.temperature} without --seed are never reused (a re-run draws new samples); pass --seed N to make them reproducible and cacheable`;
    return { identity, probeAnswers, useCache: false, note };
  }
  if (!tellsCheckpointsApart(identity)) {
    if (args.cache.cacheOnly) {
      throw new ConfigError(
        `cache-only mode: the recorded identity of ${args.model.description.model} cannot tell checkpoints apart (${describeStrength(identity)})`,
        {
          hint: 'Pass --checkpoint-id ID, or run once online with the identity probe on.',
        },
      );
    }
    const why = probeFailure ?? (args.identityProbe === false ? 'the identity probe is off (--no-identity-probe)' : undefined);
    const note =
      `cross-run cache not used: ${describeStrength(identity)}${why === undefined ? '' : ` and ${why}`}, so another checkpoint served under the same name ` +
      `could get this one's answers. To reuse answers across runs, pass --checkpoint-id <git sha or adapter hash>` +
      (args.identityProbe === false ? ' or drop --no-identity-probe' : '');
    return { identity, probeAnswers, useCache: false, note };
  }
  if (args.resolved.kind === 'probed') recordIdentity(args.cache.directory, args.model.description, identity);
  return { identity, probeAnswers, useCache: true };
}
