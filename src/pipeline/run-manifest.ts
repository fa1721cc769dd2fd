import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RunDirectoryError } from '../errors';
import type { ModelFingerprint, ProviderDescription } from '../providers/provider';
import type { ProfileName } from '../scoring/types';
import { stringifyJson } from '../util/json';
import { writeAtomically } from './write-results';

/** `manifest.json` of a run directory: everything needed to know what was run, never a secret. */
export interface RunManifest {
  readonly schema_version: 1;
  readonly shopeval_version: string;
  readonly dataset: { readonly path: string; readonly sha256: string; readonly rows: number };
  readonly filters: { readonly tasks: readonly string[] | null; readonly tracks: readonly string[] | null; readonly limit: number | null };
  readonly profile: ProfileName;
  readonly model: string;
  readonly provider: ProviderDescription & { readonly name: string };
  readonly fingerprint: ModelFingerprint | null;
  readonly prompt: {
    readonly system: string | null;
    readonly system_preset: string | null;
    readonly temperature: number;
    readonly max_tokens: Readonly<Record<string, number>>;
    readonly stop: readonly string[] | null;
    readonly seed: number | null;
  };
  readonly execution: { readonly concurrency: number; readonly timeout_ms: number; readonly max_attempts: number };
  readonly tags: Readonly<Record<string, string>>;
  readonly started_at: string;
  /** When each resume began. */
  readonly resumed_at: readonly string[];
  readonly ended_at: string | null;
  readonly cache: { readonly enabled: boolean; readonly cache_only: boolean; readonly directory: string | null; readonly hits: number; readonly misses: number };
  readonly counts: { readonly items: number; readonly answered: number; readonly api_errors: number } | null;
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

/** The settings a resumed run must share with the first one; each difference is one readable line. */
export function manifestDifferences(previous: RunManifest, current: RunManifest): string[] {
  const checks: [string, unknown, unknown][] = [
    ['dataset content (sha256)', previous.dataset?.sha256, current.dataset.sha256],
    ['dataset filters', previous.filters, current.filters],
    ['profile', previous.profile, current.profile],
    ['model', previous.model, current.model],
    ['provider', previous.provider, current.provider],
    ['model fingerprint', previous.fingerprint, current.fingerprint],
    ['prompt settings', previous.prompt, current.prompt],
  ];
  return checks
    .filter(([, before, now]) => stableJson(before) !== stableJson(now))
    .map(([what, before, now]) => `${what}: was ${stableJson(before)}, now ${stableJson(now)}`);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  ) ?? 'null';
}
