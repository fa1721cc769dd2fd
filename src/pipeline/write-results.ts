import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RunDirectoryError } from '../errors';
import type { ItemRecord, RunSummary } from '../scoring/records';
import { stringifyJson } from '../util/json';

/** Writes `items.jsonl` and `summary.json` into `dir`, each through a temporary file so a reader never sees half of one. */
export async function writeResults(dir: string, result: { items: readonly ItemRecord[]; summary: RunSummary }): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await writeAtomically(join(dir, 'items.jsonl'), result.items.map((item) => stringifyJson(item) + '\n').join(''));
    await writeAtomically(join(dir, 'summary.json'), stringifyJson(result.summary, 2) + '\n');
  } catch (cause) {
    throw new RunDirectoryError(`cannot write results to ${dir}: ${(cause as Error).message}`, {
      cause,
      hint: 'Check that the directory is writable, or choose another with --out.',
    });
  }
}

export async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}
