import { createHash, type Hash } from 'node:crypto';
import type { DatasetRow } from './row';

/** JSON with object keys sorted, so the same row hashes the same whatever order its fields were written in. */
export function canonicalJson(value: unknown): string {
  // without a plain object there is nothing to sort: the plain call gives the same text several times faster
  if (!holdsPlainObject(value)) return JSON.stringify(value);
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** Whether a JSON value is or holds (in arrays, at any depth) an object that is not an array. */
function holdsPlainObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (!Array.isArray(value)) return true;
  for (const item of value as readonly unknown[]) if (holdsPlainObject(item)) return true;
  return false;
}

/** Canonical lines are hashed in batches of about this many characters: one native call per row cost more than the hashing. */
const HASH_BATCH_CHARACTERS = 1 << 16;

/**
 * The dataset's identity: SHA-256 over its normalised rows (id, input, truth, task type, metric, task, track) in order,
 * one canonical JSON line each. The same rows as a JSON array or JSON Lines, with CRLF or a BOM, hash the same, so
 * compare and leaderboard accept runs of the same data however it was stored; the bytes of each file are kept apart.
 */
export class ContentHash {
  private readonly hash: Hash = createHash('sha256');
  private pending = '';

  /** A row as the file states it (its own task name and track, or none, and its folder file). */
  add(row: DatasetRow): void {
    const named = [row.unnamedTask === true ? null : row.taskName, row.track, row.isMultipleChoice ?? null, row.folderFile ?? null];
    // a test-set row hashes with a marker in place of the truth, so it never equals a labelled row's hash
    const content =
      'truth' in row
        ? [row.id, row.input, row.truth, row.taskType, row.metric, ...named]
        : [row.id, row.input, { test_set: true }, row.taskType ?? null, null, ...named];
    this.pending += `${canonicalJson(content)}\n`;
    if (this.pending.length >= HASH_BATCH_CHARACTERS) this.flush();
  }

  /** What names the rows beyond their fields: folder files that mix metrics, and the --track-map. */
  addNaming(mixedFiles: readonly string[], trackMap: readonly (readonly [string, string])[]): void {
    if (mixedFiles.length === 0 && trackMap.length === 0) return;
    this.pending += canonicalJson({ mixed_files: mixedFiles, track_map: trackMap });
  }

  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.pending !== '') this.hash.update(this.pending);
    this.pending = '';
  }
}
