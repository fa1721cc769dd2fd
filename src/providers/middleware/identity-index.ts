import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomically } from '../../rundir/atomic-file';
import { join } from 'node:path';
import type { CheckpointIdentity } from '../identity/checkpoint-identity';
import type { ProviderDescription } from '../provider';

/** The file in the cache directory that remembers each endpoint and model's last identity, for offline (cache-only) runs. */
export const IDENTITY_INDEX_FILE = 'identities.json';

interface IndexEntry {
  readonly endpoint: string | null;
  readonly model: string;
  readonly identity: CheckpointIdentity;
  readonly recorded_at: string;
}

/** One key per served checkpoint address: the provider description (no secrets), keys sorted. */
function indexKey(description: ProviderDescription): string {
  return JSON.stringify(Object.entries(description).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function readIndex(directory: string): Record<string, IndexEntry> {
  try {
    const value = JSON.parse(readFileSync(join(directory, IDENTITY_INDEX_FILE), 'utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, IndexEntry>) : {};
  } catch {
    return {}; // no index yet, or a damaged one: it is only a hint for offline runs
  }
}

/** The identity last seen online for this endpoint and model, or undefined when never seen. */
export function recordedIdentity(directory: string, description: ProviderDescription): CheckpointIdentity | undefined {
  const entry = readIndex(directory)[indexKey(description)];
  return entry?.identity ?? undefined;
}

/** Remembers what an online run saw (written through a temporary file: a reader never sees half of it). */
export function recordIdentity(
  directory: string,
  description: ProviderDescription,
  identity: CheckpointIdentity,
  now: Date = new Date(),
): void {
  mkdirSync(directory, { recursive: true });
  const index = readIndex(directory);
  index[indexKey(description)] = {
    endpoint: description.endpoint ?? null,
    model: description.model,
    identity,
    recorded_at: now.toISOString(),
  };
  writeFileAtomically(join(directory, IDENTITY_INDEX_FILE), JSON.stringify(index, null, 2) + '\n');
}
