import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomically } from '../../rundir/atomic-file';
import { join } from 'node:path';
import type { ModelFingerprint, ProviderDescription } from '../provider';

/** The file in the cache directory that remembers each endpoint and model's last fingerprint, for offline (cache-only) runs. */
export const FINGERPRINT_INDEX_FILE = 'fingerprints.json';

interface IndexEntry {
  readonly endpoint: string | null;
  readonly model: string;
  readonly fingerprint: ModelFingerprint | null;
  readonly recorded_at: string;
}

/** One key per served checkpoint address: the provider description (no secrets), keys sorted. */
function indexKey(description: ProviderDescription): string {
  return JSON.stringify(Object.entries(description).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function readIndex(directory: string): Record<string, IndexEntry> {
  try {
    const value = JSON.parse(readFileSync(join(directory, FINGERPRINT_INDEX_FILE), 'utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, IndexEntry>) : {};
  } catch {
    return {}; // no index yet, or a damaged one: it is only a hint for offline runs
  }
}

/** The fingerprint last seen online for this endpoint and model: `{fingerprint: undefined}` when the server gave none, undefined when never seen. */
export function recordedFingerprint(directory: string, description: ProviderDescription): { fingerprint: ModelFingerprint | undefined } | undefined {
  const entry = readIndex(directory)[indexKey(description)];
  if (entry === undefined) return undefined;
  return { fingerprint: entry.fingerprint ?? undefined };
}

/** Remembers what an online run saw (written through a temporary file: a reader never sees half of it). */
export function recordFingerprint(directory: string, description: ProviderDescription, fingerprint: ModelFingerprint | undefined, now: Date = new Date()): void {
  mkdirSync(directory, { recursive: true });
  const index = readIndex(directory);
  index[indexKey(description)] = { endpoint: description.endpoint ?? null, model: description.model, fingerprint: fingerprint ?? null, recorded_at: now.toISOString() };
  writeFileAtomically(join(directory, FINGERPRINT_INDEX_FILE), JSON.stringify(index, null, 2) + '\n');
}
