import type { RunManifest, StoredRunManifest } from '../rundir/manifest-file';

/** What a resume must match, and what it may change with a note (the endpoint, when the checkpoint is recognised). */
export interface ResumeCheck {
  /** Each differing setting, one line (`prompt.temperature: was 0, now 0.5`): the run cannot be resumed. */
  readonly differences: readonly string[];
  /** The checkpoint itself changed (a different digest, facts or pinned id). */
  readonly identityChanged: boolean;
  readonly notes: readonly string[];
}

/**
 * The settings a resumed run must share with the first one. Volatile server fields never reach the identity, so a
 * restarted vLLM resumes; a changed endpoint resumes when the checkpoint can be recognised (not by its name alone).
 */
export function resumeCheck(previous: StoredRunManifest, current: RunManifest): ResumeCheck {
  const differences: string[] = [];
  const notes: string[] = [];
  const compare = (path: string, before: unknown, now: unknown): void => leafDifferences(path, before, now, differences);
  compare('dataset content (sha256)', previous.dataset.sha256, current.dataset.sha256);
  compare('filters', previous.filters, current.filters);
  compare('profile', previous.profile, current.profile);
  compare('model', previous.model, current.model);
  const { endpoint: previousEndpoint, ...previousProvider } = previous.provider;
  const { endpoint: currentEndpoint, ...currentProvider } = current.provider;
  compare('provider', previousProvider, currentProvider);
  const before = differences.length;
  const old = previous.identity;
  if (old !== undefined) {
    compare('checkpoint identity: server', old.server, current.identity.server);
    compare('checkpoint identity', old.facts, current.identity.facts);
    if (old.checkpoint_id !== null && old.checkpoint_id !== current.identity.checkpoint_id)
      compare('checkpoint identity: --checkpoint-id', old.checkpoint_id, current.identity.checkpoint_id);
    else if (old.checkpoint_id === null && current.identity.checkpoint_id !== null)
      notes.push(`checkpoint pinned from now on: --checkpoint-id ${current.identity.checkpoint_id}`);
  }
  const identityChanged = differences.length > before;
  if (previousEndpoint !== currentEndpoint) {
    const line = `endpoint: was ${display(previousEndpoint)}, now ${display(currentEndpoint)}`;
    if (current.identity.strength === 'name-only')
      differences.push(
        `${line} (the server identifies the model by name only, so a checkpoint at another address cannot be recognised; pass --checkpoint-id to vouch for it)`,
      );
    else if (!identityChanged) notes.push(`${line}; the checkpoint identity is the same, so the run resumes`);
  }
  compare('prompt', previous.prompt, current.prompt);
  return { differences, identityChanged, notes };
}

/** Each differing leaf field of what a resumed run must share (see resumeCheck). */
export function manifestDifferences(previous: StoredRunManifest, current: RunManifest): string[] {
  return [...resumeCheck(previous, current).differences];
}

/** Tags are labels, not settings: a resume keeps the new ones, and this says what changed. */
export function tagDifferences(previous: StoredRunManifest, current: RunManifest): string[] {
  const differences: string[] = [];
  for (const key of sortedKeys(previous.tags, current.tags)) leafDifferences(key, previous.tags[key], current.tags[key], differences);
  return differences;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sortedKeys(...objects: Readonly<Record<string, unknown>>[]): string[] {
  return [...new Set(objects.flatMap((object) => Object.keys(object)))].sort();
}

/** Walks two values in step and records each leaf (scalar or array) that differs, by its dotted path. */
function leafDifferences(path: string, before: unknown, now: unknown, into: string[]): void {
  if (isPlainObject(before) && isPlainObject(now)) {
    for (const key of sortedKeys(before, now)) leafDifferences(`${path}.${key}`, before[key], now[key], into);
    return;
  }
  const was = display(before);
  const is = display(now);
  if (was !== is) into.push(`${path}: was ${was}, now ${is}`);
}

function display(value: unknown): string {
  if (value === undefined) return 'absent';
  return (
    JSON.stringify(value, (_key, item: unknown) =>
      isPlainObject(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item,
    ) ?? 'absent'
  );
}
