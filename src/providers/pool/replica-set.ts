import { ConfigError } from '../../errors';
import type { ServerIdentity } from '../identity/checkpoint-identity';
import type { EndpointProbe, GenerateRequest, GenerateResponse, LanguageModel } from '../provider';
import { checkSameCheckpoint, describeIdentityMismatch } from './replica-identity';

/** The servers one checkpoint is spread over (two or more --base-url); applyMiddleware routes among them. */
export interface Replicas {
  readonly members: readonly LanguageModel[];
  /** Endpoints as recorded (redacted), in --base-url order. */
  readonly endpoints: readonly string[];
  /** Probes member `index` again: resolves when it answers with the run's checkpoint, rejects when it is down (a ConfigError when it serves another). */
  recheck(index: number, timeoutMs: number): Promise<void>;
}

/** A model served by several replicas: one description, every replica probed, requests routed by the pool layer. */
export interface ReplicaSetModel extends LanguageModel {
  // required here: the pool layer needs the members
  readonly replicas: Replicas;
}

function endpointOf(model: LanguageModel, index: number): string {
  return model.description.endpoint ?? `replica ${index + 1}`;
}

/**
 * Joins adapters of the same checkpoint into one model. Its probe asks every replica and refuses a set whose
 * replicas serve different checkpoints; its own generate simply rotates (the pool layer adds routing and health).
 */
export function createReplicaSet(members: readonly LanguageModel[]): ReplicaSetModel {
  const first = members[0];
  if (first === undefined || members.length < 2) throw new Error('a replica set needs two or more replicas');
  const endpoints = members.map(endpointOf);
  let expected: ServerIdentity | undefined;
  let turn = 0;
  const probeOne = (member: LanguageModel, timeoutMs: number): Promise<EndpointProbe> =>
    member.probe === undefined ? Promise.resolve({ identity: undefined }) : member.probe({ timeoutMs });
  const probe = async ({ timeoutMs }: { readonly timeoutMs: number }): Promise<EndpointProbe> => {
    // every replica must answer before any item is sent: a dead or mistyped --base-url fails here, naming itself
    // settled, not Promise.all: a failure must not leave the other replicas' probes running behind the error
    const settled = await Promise.allSettled(members.map((member) => probeOne(member, timeoutMs)));
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const probes = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const transient = probes.some((result) => result.transient === true || result.identity === undefined);
    const identities = probes.map((result, index) => ({ endpoint: endpoints[index] ?? '', identity: result.identity }));
    if (!transient) checkSameCheckpoint(identities);
    const unlisted = probes.find((result) => result.unlistedAmong !== undefined)?.unlistedAmong;
    expected = transient ? undefined : probes[0]?.identity;
    return {
      identity: probes[0]?.identity,
      ...(unlisted === undefined ? {} : { unlistedAmong: unlisted }),
      ...(transient ? { transient: true } : {}),
    };
  };
  return {
    description: { ...first.description, endpoint: endpoints.join(' ') },
    cacheable: first.cacheable,
    // log-probabilities only when every replica gives them (the same adapter kind does)
    ...(members.every((member) => member.logprobs === true) ? { logprobs: true } : {}),
    generate: (request: GenerateRequest): Promise<GenerateResponse> => {
      const member = members[turn % members.length] ?? first;
      turn += 1;
      return member.generate(request);
    },
    probe,
    replicas: {
      members,
      endpoints,
      recheck: async (index, timeoutMs) => {
        const member = members[index];
        if (member === undefined) throw new Error(`no replica ${index}`);
        const result = await probeOne(member, timeoutMs);
        if (result.identity === undefined) throw new Error(`${endpoints[index] ?? ''} answered the probe without an identity`);
        if (expected === undefined) return; // never probed at the start (a library caller): reachability is enough
        const mismatch = describeIdentityMismatch(expected, result.identity);
        if (mismatch !== undefined) throw new ConfigError(`${endpoints[index] ?? ''} now serves another checkpoint (${mismatch})`);
      },
    },
  };
}
