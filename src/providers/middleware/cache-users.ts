import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeStaleTemporaryFiles } from '../../rundir/atomic-file';
import { LOCK_FILE } from '../../rundir/directory-lock';
import { processAlive } from '../../rundir/process-alive';

/** One file per process using the cache (its pid in the name): compaction waits for none to be left. */
const USERS_DIRECTORY = 'users';
const WAIT_STEP_MS = 50;
const MAX_WAIT_MS = 60_000;

/**
 * Announces this process as a user of the cache, then waits while a `shopeval cache compact|clear` holds the
 * cache's lock. Announce-then-check on both sides: whichever comes second sees the other, so an appender never
 * writes to a file compaction is replacing. Returns the function that withdraws the announcement.
 */
export function registerCacheUser(directory: string): () => void {
  const users = join(directory, USERS_DIRECTORY);
  mkdirSync(users, { recursive: true });
  const marker = join(users, `${process.pid}-${randomBytes(4).toString('hex')}`);
  writeFileSync(marker, '');
  const started = Date.now();
  while (maintenanceRunning(directory) && Date.now() - started < MAX_WAIT_MS) sleepSync(WAIT_STEP_MS);
  removeStaleTemporaryFiles(directory); // a killed run's half-written fingerprint index
  return () => {
    try {
      unlinkSync(marker);
    } catch {
      // already gone
    }
  };
}

/** Pids of the live processes using the cache (markers of dead ones are removed). */
export function liveCacheUsers(directory: string): number[] {
  const users = join(directory, USERS_DIRECTORY);
  let names: string[];
  try {
    names = readdirSync(users);
  } catch {
    return [];
  }
  const live: number[] = [];
  for (const name of names) {
    const pid = Number(name.split('-')[0]);
    if (processAlive(pid) && pid !== process.pid) live.push(pid);
    else if (!processAlive(pid)) unlinkQuietly(join(users, name));
  }
  return live;
}

function maintenanceRunning(directory: string): boolean {
  try {
    const holder = JSON.parse(readFileSync(join(directory, LOCK_FILE), 'utf8')) as { pid?: unknown };
    return typeof holder.pid === 'number' && holder.pid !== process.pid && processAlive(holder.pid);
  } catch {
    return false;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // removed by another process
  }
}

/** A short blocking pause (the cache is opened synchronously; compaction takes moments). */
function sleepSync(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}
