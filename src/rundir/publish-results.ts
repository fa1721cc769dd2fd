import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemRecord, RunSummary } from '../scoring/records';
import { stringifyJson } from '../util/json';
import { AtomicFileWriter, removeStaleTemporaryFiles, syncDirectory, writeFileAtomically } from './atomic-file';

export const ITEMS_FILE = 'items.jsonl';
export const SUMMARY_FILE = 'summary.json';
/** The new summary, on disk before the new items appear: a crash in between is finished (or undone) from it. */
const PENDING_SUMMARY_FILE = '.summary.json.pending';
/**
 * About this many characters are written at a time: the file never exists as one string beside its items, and a
 * batch's item strings die young (1 Mi-character batches held ~5-10 MiB more at the peak of a 26.6k-item score).
 */
const WRITE_BATCH_CHARACTERS = 1 << 18;

/**
 * Streams items.jsonl as items are scored and publishes it with summary.json as one set: the items go to a temporary
 * file, the summary (recording the items' SHA-256) to a pending file, then items and summary are renamed in that order.
 * A crash at any point leaves the old set, or a new set that finishPendingPublish() completes; readers check the hash.
 */
export class ResultsWriter {
  readonly directory: string;
  private readonly items: AtomicFileWriter;
  private batch = '';
  count = 0;

  private constructor(directory: string) {
    this.directory = directory;
    prepareResultsDirectory(directory);
    this.items = AtomicFileWriter.open(join(directory, ITEMS_FILE));
  }

  static open(directory: string): ResultsWriter {
    return new ResultsWriter(directory);
  }

  /** One item line; written to disk in batches, so memory stays flat however many items there are. */
  write(item: ItemRecord): void {
    this.batch += `${stringifyJson(item)}\n`;
    this.count += 1;
    if (this.batch.length < WRITE_BATCH_CHARACTERS) return;
    this.items.write(this.batch);
    this.batch = '';
  }

  /** Makes items.jsonl and summary.json (with the items' hash) visible together; returns the summary as written. */
  publish(result: RunSummary): RunSummary {
    let summary: RunSummary;
    try {
      if (this.batch !== '') this.items.write(this.batch);
      this.batch = '';
      summary = { ...result, items_sha256: this.items.finish() };
      writeFileAtomically(join(this.directory, PENDING_SUMMARY_FILE), stringifyJson(summary, 2) + '\n');
    } catch (error) {
      this.items.abort();
      throw error;
    }
    this.items.publish();
    renameSync(join(this.directory, PENDING_SUMMARY_FILE), join(this.directory, SUMMARY_FILE));
    syncDirectory(this.directory);
    return summary;
  }

  /** Drops the unfinished items file; the directory keeps its previous set. */
  abort(): void {
    this.items.abort();
  }
}

/** Publishes a finished set of items and its summary (see ResultsWriter). */
export function publishResults(
  directory: string,
  result: { readonly items: Iterable<ItemRecord>; readonly summary: RunSummary },
): RunSummary {
  const writer = ResultsWriter.open(directory);
  try {
    for (const item of result.items) writer.write(item);
  } catch (error) {
    writer.abort();
    throw error;
  }
  return writer.publish(result.summary);
}

/** Before writing into a results directory: finish or undo an interrupted publish, remove dead processes' temporary files. */
export function prepareResultsDirectory(directory: string): void {
  finishPendingPublish(directory);
  removeStaleTemporaryFiles(directory);
}

/** Completes a publish a crash cut between its two renames, or drops a pending summary whose items never appeared. */
export function finishPendingPublish(directory: string): void {
  const pending = pendingSummary(directory);
  if (pending === undefined) return;
  if (pending.matchesItems) {
    renameSync(join(directory, PENDING_SUMMARY_FILE), join(directory, SUMMARY_FILE));
    syncDirectory(directory);
  } else {
    unlinkSync(join(directory, PENDING_SUMMARY_FILE));
  }
}

/** The summary a reader should use: the pending one when a crash left it matching the new items (read-only). */
export function currentSummaryText(directory: string): string | undefined {
  const pending = pendingSummary(directory);
  if (pending?.matchesItems === true) return pending.text;
  const file = join(directory, SUMMARY_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export function fileSha256(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

function pendingSummary(directory: string): { readonly text: string; readonly matchesItems: boolean } | undefined {
  const file = join(directory, PENDING_SUMMARY_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let recorded: unknown;
  try {
    recorded = (JSON.parse(text) as { items_sha256?: unknown }).items_sha256;
  } catch {
    return { text, matchesItems: false }; // cannot happen (written atomically), but never trust it then
  }
  return { text, matchesItems: typeof recorded === 'string' && recorded === fileSha256(join(directory, ITEMS_FILE)) };
}
