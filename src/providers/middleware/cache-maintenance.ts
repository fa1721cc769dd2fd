import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RunDirectoryError } from '../../errors';
import { AtomicFileWriter, removeStaleTemporaryFiles } from '../../rundir/atomic-file';
import { lockDirectory } from '../../rundir/directory-lock';
import { liveCacheUsers } from './cache-users';
import { IDENTITY_INDEX_FILE } from './identity-index';
import { RESPONSE_FILE_PREFIX, parseLine } from './response-cache';

export interface CacheFileStatistics {
  readonly file: string;
  readonly bytes: number;
  readonly lines: number;
  /** Distinct request keys: what a compaction keeps. */
  readonly liveEntries: number;
}

export interface CacheStatisticsReport {
  readonly directory: string;
  readonly files: readonly CacheFileStatistics[];
  readonly bytes: number;
  readonly lines: number;
  readonly liveEntries: number;
}

function responseFiles(directory: string): string[] {
  try {
    return readdirSync(directory)
      .filter((name) => name.startsWith(RESPONSE_FILE_PREFIX) && name.endsWith('.jsonl'))
      .sort();
  } catch {
    return [];
  }
}

/** The last line per key of a response file (a later answer for a key replaces an earlier one, as the cache reads it). */
function liveLines(path: string): { lines: number; live: Map<string, string> } {
  const live = new Map<string, string>();
  let lines = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    lines += 1;
    const entry = parseLine(line);
    if (entry !== undefined) {
      live.delete(entry.key); // keep the file order of the surviving lines
      live.set(entry.key, line);
    }
  }
  return { lines, live };
}

/** Files, lines and live entries of the response cache. */
export function cacheStatistics(directory: string): CacheStatisticsReport {
  const files = responseFiles(directory).map((name): CacheFileStatistics => {
    const path = join(directory, name);
    const { lines, live } = liveLines(path);
    return { file: name, bytes: statSync(path).size, lines, liveEntries: live.size };
  });
  const sum = (pick: (file: CacheFileStatistics) => number): number => files.reduce((total, file) => total + pick(file), 0);
  return {
    directory,
    files,
    bytes: sum((file) => file.bytes),
    lines: sum((file) => file.lines),
    liveEntries: sum((file) => file.liveEntries),
  };
}

/**
 * Runs `action` holding the cache's lock, once no other process uses the cache (runs announce themselves, see
 * cache-users); a run starting meanwhile waits for the lock to go.
 */
function whileNoOtherUser<T>(directory: string, command: string, action: () => T): T {
  const lock = lockDirectory(directory, command);
  try {
    const users = liveCacheUsers(directory);
    if (users.length > 0) {
      throw new RunDirectoryError(
        `the cache ${directory} is in use by shopeval process${users.length > 1 ? 'es' : ''} ${users.join(', ')}`,
        {
          hint: `Run \`${command}\` again when ${users.length > 1 ? 'they end' : 'it ends'}.`,
        },
      );
    }
    return action();
  } finally {
    lock.release();
  }
}

/** Rewrites every response file to its live entries (torn and superseded lines dropped), each file atomically. */
export function compactCache(directory: string): { readonly before: CacheStatisticsReport; readonly after: CacheStatisticsReport } {
  return whileNoOtherUser(directory, 'shopeval cache compact', () => {
    removeStaleTemporaryFiles(directory);
    const before = cacheStatistics(directory);
    for (const name of responseFiles(directory)) {
      const path = join(directory, name);
      const { lines, live } = liveLines(path);
      if (lines === live.size) continue;
      const writer = AtomicFileWriter.open(path);
      try {
        for (const line of live.values()) writer.write(`${line}\n`);
        writer.commit();
      } catch (error) {
        writer.abort();
        throw error;
      }
    }
    return { before, after: cacheStatistics(directory) };
  });
}

/** Removes every cached response and the fingerprint index; the embedding cache is left (it holds no duplicates). */
export function clearCache(directory: string): CacheStatisticsReport {
  return whileNoOtherUser(directory, 'shopeval cache clear', () => {
    const before = cacheStatistics(directory);
    for (const name of [...responseFiles(directory), IDENTITY_INDEX_FILE]) rmSync(join(directory, name), { force: true });
    removeStaleTemporaryFiles(directory);
    return before;
  });
}
