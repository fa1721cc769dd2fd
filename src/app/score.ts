import { mkdir } from 'node:fs/promises';
import { rmdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeSkippedRows } from '../dataset/dataset-identity';
import type { DatasetOptions } from '../dataset/load-dataset';
import type { EmbeddingOptions } from '../embeddings/resolve-embedders';
import { ITEM_ANSWERED } from '../pipeline/run-event';
import { scoreDatasetFile, type ScoredDatasetFile } from '../pipeline/score-dataset-file';
import type { ScoreProgress } from '../pipeline/score-progress';
import type { ScorePredictionsResult } from '../pipeline/score-predictions';
import { lockDirectory } from '../rundir/directory-lock';
import { checkOutputDirectory } from '../rundir/output-guard';
import type { ProfileName } from '../scoring/types';
import { SILENT_REPORTER, type AppReporter } from './app-event';
import { resolveDatasetEmbedders } from './dataset-embedders';

export interface ScoreFileOptions {
  /** The labelled ShopBench dataset. */
  readonly data: string;
  /** JSON Lines of {"id", "output"}. */
  readonly predictions: string;
  readonly profile: ProfileName;
  /** Write items.jsonl and summary.json here; nothing is written without it. */
  readonly out?: string;
  /** Skip invalid rows instead of refusing the dataset; a --track-map file. */
  readonly datasetOptions?: DatasetOptions;
  /** The embedding backends of the dataset's semantic metrics (resolved only for the metrics it uses). */
  readonly embedding: EmbeddingOptions;
}

/**
 * Streams the dataset and the predictions (by offset), writing items.jsonl as it scores; summary.json comes last.
 * Events: which backend scores each semantic metric, the scores, the warnings, the files written.
 */
export async function score(options: ScoreFileOptions, reporter: AppReporter = SILENT_REPORTER): Promise<ScorePredictionsResult> {
  const inputs = [options.data, options.predictions];
  const out = options.out;
  // someone else's directory is refused before the work, not after it
  if (out !== undefined) checkOutputDirectory(out, { command: 'score', inputs });
  const scoreInto = (into: string | undefined): Promise<ScoredDatasetFile> =>
    scoreDatasetFile({
      data: options.data,
      predictions: options.predictions,
      profile: options.profile,
      ...(options.datasetOptions === undefined ? {} : { datasetOptions: options.datasetOptions }),
      ...(into === undefined ? {} : { out: into }),
      embeddersFor: (dataset) => resolveDatasetEmbedders(dataset, options.embedding, reporter),
      progress: progressEvents(reporter),
    });
  const { dataset, ...result } = await (out === undefined ? scoreInto(undefined) : withLock(out, inputs, () => scoreInto(out)));
  reporter({ type: 'scores', summary: result.summary, ...(out === undefined ? {} : { detailsIn: join(out, 'summary.json') }) });
  const skippedNote = describeSkippedRows(dataset);
  for (const warning of [...result.warnings, ...(skippedNote === undefined ? [] : [skippedNote])])
    reporter({ type: 'warning', message: warning });
  if (out !== undefined) reporter({ type: 'files-written', paths: [`${out}/items.jsonl`, `${out}/summary.json`] });
  return result;
}

/** A score of at least this many rows (about a second's work) shows progress; a shorter one prints only its results. */
const PROGRESS_FROM_ROWS = 10_000;

/** The score's progress as the run's progress events (the terminal draws the same bar). */
function progressEvents(reporter: AppReporter): ScoreProgress {
  let shown = false;
  return {
    started: (expectedRows) => {
      shown = expectedRows >= PROGRESS_FROM_ROWS;
      if (shown) reporter({ type: 'progress-start', total: expectedRows, alreadyDone: 0 });
    },
    scored: () => {
      if (shown) reporter(ITEM_ANSWERED);
    },
    finished: () => {
      if (shown) reporter({ type: 'progress-end' });
      shown = false;
    },
  };
}

/**
 * Scores and writes holding the directory's lock, so two processes never publish into one directory at once. A
 * directory made for this and left empty by a failure is removed: a refused dataset leaves nothing behind.
 */
async function withLock<T>(out: string, inputs: readonly string[], work: () => Promise<T>): Promise<T> {
  const made = await mkdir(out, { recursive: true });
  const lock = lockDirectory(out, 'shopeval score');
  let done = false;
  try {
    checkOutputDirectory(out, { command: 'score', inputs });
    const result = await work();
    done = true;
    return result;
  } finally {
    lock.release();
    if (!done && made !== undefined) removeEmptyDirectories(out, made);
  }
}

/** Removes `path` and its parents up to `top` while they are empty (the folders mkdir made). */
function removeEmptyDirectories(path: string, top: string): void {
  for (let directory = resolve(path); ; directory = dirname(directory)) {
    try {
      rmdirSync(directory);
    } catch {
      return; // not empty (or already gone): keep it and its parents
    }
    if (directory === resolve(top) || dirname(directory) === directory) return;
  }
}
