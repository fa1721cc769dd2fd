import { mkdirSync } from 'node:fs';
import { RunDirectoryError } from '../errors';
import { lockDirectory, type DirectoryLock } from '../rundir/directory-lock';
import { checkOutputDirectory } from '../rundir/output-guard';
import { prepareResultsDirectory } from '../rundir/publish-results';
import type { ResolvedRunOptions } from './run-options';

/** The files a run reads, which its --out must never overwrite. */
export function runInputs(options: ResolvedRunOptions): string[] {
  return [options.data, ...(options.provider.predictions === undefined ? [] : [options.provider.predictions])];
}

/** Takes the run directory's lock (before --force may discard anything), checking again that it is ours to write. */
export function lockRunDirectory(options: ResolvedRunOptions): DirectoryLock {
  checkOutputDirectory(options.out, { command: 'run', inputs: runInputs(options) });
  try {
    mkdirSync(options.out, { recursive: true });
  } catch (cause) {
    throw new RunDirectoryError(`cannot create the run directory ${options.out}: ${(cause as Error).message}`, {
      cause,
      hint: 'Choose another --out.',
    });
  }
  const lock = lockDirectory(options.out, 'shopeval run');
  try {
    prepareResultsDirectory(options.out);
  } catch (error) {
    lock.release();
    throw error;
  }
  return lock;
}
