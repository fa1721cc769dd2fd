import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RunDirectoryError } from '../errors';
import type { CheckpointIdentity } from '../providers/identity/checkpoint-identity';
import type { ProviderDescription } from '../providers/provider';
import type { DatasetIdentity } from '../scoring/records';
import type { ProfileName } from '../scoring/types';
import { stringifyJson } from '../util/json';
import { writeAtomically } from './write-results';

/** `manifest.json` of a run directory: everything needed to know what was run, never a secret. */
export interface RunManifest {
  readonly schema_version: 1;
  readonly shopeval_version: string;
  readonly dataset: DatasetIdentity;
  readonly filters: { readonly tasks: readonly string[] | null; readonly tracks: readonly string[] | null; readonly limit: number | null };
  readonly profile: ProfileName;
  readonly model: string;
  readonly provider: ProviderDescription & { readonly name: string };
  /** Which checkpoint answered, from stable facts only, and how strongly that tells it from another (README: Checkpoint identity). */
  readonly identity: CheckpointIdentity;
  readonly prompt: {
    readonly system: string | null;
    readonly system_preset: string | null;
    readonly temperature: number;
    readonly max_tokens: Readonly<Record<string, number>>;
    readonly stop: readonly string[] | null;
    readonly seed: number | null;
    readonly top_p?: number;
    readonly top_k?: number;
    readonly presence_penalty?: number;
    readonly frequency_penalty?: number;
    /** `--extra-body`, as sent. */
    readonly extra_body?: Readonly<Record<string, unknown>>;
    /** Present when multiple choice was scored by log-probabilities. */
    readonly mc_scoring?: 'logprobs';
    /** `--prompt-template`/`--prompt-preset`: where it came from and its whole text (part of the cache key through the requests). */
    readonly template?: { readonly source: string; readonly kind: 'text' | 'chat'; readonly text: string };
    /** `--few-shot`: K, the source file and the SHA-256 of its rows, the draw's seed, text or chat turns. */
    readonly few_shot?: { readonly k: number; readonly source: string; readonly sha256: string; readonly seed: number; readonly as_turns: boolean };
    /** `--repeats`: each row asked this many times (seeds derived per repeat from `seed`). */
    readonly repeats?: number;
  };
  /** `<think>` blocks were removed before parsing (items.jsonl keeps the raw answer as raw_output). */
  readonly strip_reasoning?: true;
  readonly execution: { readonly concurrency: number; readonly timeout_ms: number; readonly max_attempts: number; readonly dead_endpoint_ms?: number };
  readonly tags: Readonly<Record<string, string>>;
  readonly started_at: string;
  /** When each resume began. */
  readonly resumed_at: readonly string[];
  readonly ended_at: string | null;
  readonly cache: { readonly enabled: boolean; readonly cache_only: boolean; readonly directory: string | null; readonly hits: number; readonly misses: number };
  readonly counts: { readonly items: number; readonly answered: number; readonly api_errors: number; readonly null_content?: number } | null;
  /** Which backend and model scored each semantic metric of the dataset, or why none could (written when scoring). */
  readonly embeddings?: Readonly<Record<string, { readonly embedder: string } | { readonly unavailable: string }>>;
}

export const MANIFEST_FILE = 'manifest.json';

export async function readRunManifest(directory: string): Promise<RunManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(directory, MANIFEST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as RunManifest;
  } catch (cause) {
    throw new RunDirectoryError(`${join(directory, MANIFEST_FILE)} is not valid JSON`, { cause, hint: 'Use another --out, or --force to start over in this directory.' });
  }
}

export async function writeRunManifest(directory: string, manifest: RunManifest): Promise<void> {
  await writeAtomically(join(directory, MANIFEST_FILE), stringifyJson(manifest, 2) + '\n');
}

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
export function resumeCheck(previous: RunManifest, current: RunManifest): ResumeCheck {
  const differences: string[] = [];
  const notes: string[] = [];
  const compare = (path: string, before: unknown, now: unknown): void => leafDifferences(path, before, now, differences);
  compare('dataset content (sha256)', previous.dataset?.sha256, current.dataset.sha256);
  compare('filters', previous.filters, current.filters);
  compare('profile', previous.profile, current.profile);
  compare('model', previous.model, current.model);
  const { endpoint: previousEndpoint, ...previousProvider } = previous.provider ?? { endpoint: undefined };
  const { endpoint: currentEndpoint, ...currentProvider } = current.provider;
  compare('provider', previousProvider, currentProvider);
  const before = differences.length;
  const old = previous.identity;
  if (old !== undefined) {
    compare('checkpoint identity: server', old.server, current.identity.server);
    compare('checkpoint identity', old.facts, current.identity.facts);
    if (old.checkpoint_id !== null && old.checkpoint_id !== current.identity.checkpoint_id) compare('checkpoint identity: --checkpoint-id', old.checkpoint_id, current.identity.checkpoint_id);
    else if (old.checkpoint_id === null && current.identity.checkpoint_id !== null) notes.push(`checkpoint pinned from now on: --checkpoint-id ${current.identity.checkpoint_id}`);
  }
  const identityChanged = differences.length > before;
  if (previousEndpoint !== currentEndpoint) {
    const line = `endpoint: was ${display(previousEndpoint)}, now ${display(currentEndpoint)}`;
    if (current.identity.strength === 'name-only') differences.push(`${line} (the server identifies the model by name only, so a checkpoint at another address cannot be recognised; pass --checkpoint-id to vouch for it)`);
    else if (!identityChanged) notes.push(`${line}; the checkpoint identity is the same, so the run resumes`);
  }
  compare('prompt', previous.prompt, current.prompt);
  return { differences, identityChanged, notes };
}

/** Each differing leaf field of what a resumed run must share (see resumeCheck). */
export function manifestDifferences(previous: RunManifest, current: RunManifest): string[] {
  return [...resumeCheck(previous, current).differences];
}

/** Tags are labels, not settings: a resume keeps the new ones, and this says what changed. */
export function tagDifferences(previous: RunManifest, current: RunManifest): string[] {
  const differences: string[] = [];
  for (const key of sortedKeys(previous.tags ?? {}, current.tags)) leafDifferences(key, previous.tags?.[key], current.tags[key], differences);
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
  return JSON.stringify(value, (_key, item: unknown) =>
    isPlainObject(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item,
  ) ?? 'absent';
}
