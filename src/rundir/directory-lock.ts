import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { RunDirectoryError } from '../errors';
import { processAlive } from './process-alive';

export const LOCK_FILE = '.shopeval.lock';
/** A takeover of a stale lock holds this for a moment; older than this, its holder died mid-takeover. */
const TAKEOVER_STALE_MS = 10_000;

interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly started_at: string;
}

export interface DirectoryLock {
  readonly directory: string;
  release(): void;
}

/**
 * Takes the directory's exclusive lock: a lock file created atomically (O_EXCL) holding our pid and host. A lock whose
 * holder no longer runs on this host is stale and taken over; a live holder's lock refuses this process, naming it.
 */
export function lockDirectory(directory: string, command: string): DirectoryLock {
  const file = join(directory, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, host: hostname(), command, started_at: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreate(file, holder)) return heldLock(directory, file);
    const current = readHolder(file);
    if (current === 'missing') continue;
    if (current !== 'unreadable' && !isStale(current)) throw lockedError(directory, file, current);
    if (current === 'unreadable' && ageMs(file) < TAKEOVER_STALE_MS) throw lockedError(directory, file, undefined);
    takeOverStale(file, current);
  }
  throw lockedError(directory, file, undefined);
}

function heldLock(directory: string, file: string): DirectoryLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      unlinkSync(file);
    } catch {
      // already removed
    }
  };
  process.on('exit', release); // a process.exit() (second Ctrl-C) still frees the directory
  return { directory, release };
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new RunDirectoryError(`cannot lock ${file}: ${(error as Error).message}`, {
      cause: error,
      hint: 'Check that the directory is writable.',
    });
  }
  try {
    writeSync(descriptor, JSON.stringify(holder) + '\n');
  } finally {
    closeSync(descriptor);
  }
  return true;
}

function readHolder(file: string): LockHolder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 'missing';
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return 'unreadable';
    return { pid: value.pid, host: value.host, command: String(value.command ?? ''), started_at: String(value.started_at ?? '') };
  } catch {
    return 'unreadable'; // being written this instant, or damaged
  }
}

/** Stale: its holder ran on this host and runs no more (another host's holder cannot be checked: never stale). */
function isStale(holder: LockHolder): boolean {
  return holder.host === hostname() && !processAlive(holder.pid);
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

/** Removes a stale lock under a short takeover lock, re-checking it there so two takers never both remove a fresh lock. */
function takeOverStale(file: string, seen: LockHolder | 'unreadable'): void {
  const takeover = `${file}.takeover`;
  if (ageMs(takeover) > TAKEOVER_STALE_MS) {
    try {
      unlinkSync(takeover);
    } catch {
      // none there
    }
  }
  let descriptor: number;
  try {
    descriptor = openSync(takeover, 'wx');
  } catch {
    return; // another process is taking it over: try again
  }
  closeSync(descriptor);
  try {
    const now = readHolder(file);
    const same =
      now !== 'missing' &&
      (now === 'unreadable' ? seen === 'unreadable' : seen !== 'unreadable' && now.pid === seen.pid && now.started_at === seen.started_at);
    if (same) unlinkSync(file);
  } finally {
    unlinkSync(takeover);
  }
}

function lockedError(directory: string, file: string, holder: LockHolder | undefined): RunDirectoryError {
  const who =
    holder === undefined
      ? 'another shopeval process'
      : `shopeval process ${holder.pid} on ${holder.host} (\`${holder.command}\`, since ${holder.started_at})`;
  return new RunDirectoryError(`${directory} is in use by ${who}; two processes must not write one directory`, {
    hint: `Wait for it to finish, or use another --out. If that process is gone (e.g. on another machine), delete ${file}.`,
  });
}
