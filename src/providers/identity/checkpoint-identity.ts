/** A fact about the served checkpoint, as a server states it. */
export type IdentityFact = string | number | boolean | null;
export type IdentityFacts = Readonly<Record<string, IdentityFact>>;

/** Which server answered the probe, judged from the shape of its model list (or the adapter, for Ollama); local: builtin and replay. */
export type ServerKind = 'ollama' | 'vllm' | 'llama.cpp' | 'openai' | 'openai-compatible' | 'local';

/**
 * How well an identity tells two checkpoints apart, strongest first:
 * - content-digest: a hash of the weights (Ollama's model digest);
 * - pinned: an id the user gave with --checkpoint-id (a git sha, an adapter hash);
 * - behavioural: the server's facts plus the greedy answers to a few of the run's items (see behaviour-probe.ts);
 * - metadata: facts that do not change when weights are retrained in place (parameter count, path, context length);
 * - name-only: the model name and nothing else (LM Studio, a server without /v1/models).
 */
export type IdentityStrength = 'content-digest' | 'pinned' | 'behavioural' | 'metadata' | 'name-only';

/** What the server itself says about the checkpoint, stable facts only: never `created`, uptimes or request ids. */
export interface ServerIdentity {
  readonly server: ServerKind;
  readonly facts: IdentityFacts;
  readonly strength: 'content-digest' | 'metadata' | 'name-only';
}

/** The greedy answers that vouch for a checkpoint whose server gives no digest. */
export interface BehaviourEvidence {
  /** Row ids of the probe items, in the order asked. */
  readonly items: readonly string[];
  /** sha256 of the probe requests' keys and the answers to them. */
  readonly sha256: string;
}

/** The run's checkpoint identity: what keys the cross-run cache and what a resume must match. */
export interface CheckpointIdentity extends Omit<ServerIdentity, 'strength'> {
  readonly strength: IdentityStrength;
  /** --checkpoint-id, when given. */
  readonly checkpoint_id: string | null;
  readonly behaviour: BehaviourEvidence | null;
}

/** Identities that can tell a retrained checkpoint from the old one; only these key the cross-run cache. */
export function tellsCheckpointsApart(identity: CheckpointIdentity): boolean {
  return identity.strength === 'content-digest' || identity.strength === 'pinned' || identity.strength === 'behavioural';
}

/** The identity of a provider that has no server to ask (builtin, replay) or a server that says nothing. */
export function nameOnlyIdentity(model: string, server: ServerKind = 'openai-compatible'): ServerIdentity {
  return { server, facts: { id: model }, strength: 'name-only' };
}

/** The run's identity from what the server said and what the user pinned. */
export function checkpointIdentity(
  server: ServerIdentity,
  checkpointId: string | undefined,
  behaviour: BehaviourEvidence | null = null,
): CheckpointIdentity {
  const strength: IdentityStrength =
    server.strength === 'content-digest'
      ? 'content-digest'
      : checkpointId !== undefined
        ? 'pinned'
        : behaviour !== null
          ? 'behavioural'
          : server.strength;
  return { server: server.server, facts: server.facts, strength, checkpoint_id: checkpointId ?? null, behaviour };
}

/** The sentence a note uses for an identity's strength. */
export function describeStrength(identity: Pick<CheckpointIdentity, 'strength' | 'server'>): string {
  switch (identity.strength) {
    case 'content-digest':
      return `${identity.server} reports a content digest of the weights`;
    case 'pinned':
      return 'the checkpoint is pinned with --checkpoint-id';
    case 'behavioural':
      return `${identity.server} gives no digest; the checkpoint is recognised by its greedy answers to the probe items`;
    case 'metadata':
      return `${identity.server} describes the model by metadata (size, parameters, path) that stays the same when the weights are retrained`;
    case 'name-only':
      return `${identity.server} identifies the model by its name only`;
  }
}
