import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RunDirectoryError } from '../errors';
import type { ItemRecord, RunSummary } from '../scoring/records';
import { stringifyJson } from '../util/json';
import { JsonLinesWriter } from './json-lines-writer';

/**
 * Writes `items.jsonl` (streamed line by line: a million items never become one string) and then `summary.json`
 * into `dir`, each through a temporary file in the same directory renamed when complete, so a reader never sees half of one.
 */
export async function writeResults(dir: string, result: { items: Iterable<ItemRecord>; summary: RunSummary }): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await writeLinesAtomically(join(dir, 'items.jsonl'), result.items);
    await writeAtomically(join(dir, 'summary.json'), stringifyJson(result.summary, 2) + '\n');
  } catch (cause) {
    throw new RunDirectoryError(`cannot write results to ${dir}: ${(cause as Error).message}`, {
      cause,
      hint: 'Check that the directory is writable and the disk has space, or choose another with --out.',
    });
  }
}

export async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}

/** One JSON line per record, streamed to a temporary file renamed when complete. */
export async function writeLinesAtomically(path: string, records: Iterable<unknown>): Promise<void> {
  const writer = new JsonLinesWriter(path);
  try {
    for (const record of records) await writer.write(record);
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
