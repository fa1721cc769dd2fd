import { mkdir } from 'node:fs/promises';
import { RunDirectoryError } from '../errors';
import { writeFileAtomically } from '../rundir/atomic-file';
import { publishResults } from '../rundir/publish-results';
import type { ItemRecord, RunSummary } from '../scoring/records';

/**
 * Writes `items.jsonl` and `summary.json` into `dir` as one set (see publishResults): a reader never sees half of one,
 * nor a mix. Returns the summary as written (with the items' SHA-256).
 */
export async function writeResults(dir: string, result: { items: readonly ItemRecord[]; summary: RunSummary }): Promise<RunSummary> {
  try {
    await mkdir(dir, { recursive: true });
    return publishResults(dir, result);
  } catch (cause) {
    throw new RunDirectoryError(`cannot write results to ${dir}: ${(cause as Error).message}`, {
      cause,
      hint: 'Check that the directory is writable, or choose another with --out.',
    });
  }
}

/** One file written through a temporary file in its directory, flushed, then renamed (see rundir/atomic-file). */
export async function writeAtomically(path: string, text: string): Promise<void> {
  writeFileAtomically(path, text);
  return Promise.resolve();
}
