import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeSkippedRows } from '../dataset/dataset-identity';
import { openDataset, type DatasetOptions } from '../dataset/load-dataset';
import { PredictionIndex } from '../dataset/prediction-index';
import type { EmbeddingOptions } from '../embeddings/resolve-embedders';
import { scorePredictions, type ScorePredictionsResult } from '../pipeline/score-predictions';
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
  const dataset = await openDataset(options.data, {}, options.datasetOptions ?? {});
  const predictions = await PredictionIndex.open(options.predictions);
  try {
    const { embedders, unavailable } = await resolveDatasetEmbedders(dataset, options.embedding, reporter);
    const args = { dataset, predictions, profile: options.profile, embedders, embeddingUnavailable: unavailable };
    const result = await (out === undefined ? scorePredictions(args) : withLock(out, inputs, () => scorePredictions({ ...args, out })));
    reporter({ type: 'scores', summary: result.summary, ...(out === undefined ? {} : { detailsIn: join(out, 'summary.json') }) });
    const skippedNote = describeSkippedRows(dataset);
    for (const warning of [...result.warnings, ...(skippedNote === undefined ? [] : [skippedNote])])
      reporter({ type: 'warning', message: warning });
    if (out !== undefined) reporter({ type: 'files-written', paths: [`${out}/items.jsonl`, `${out}/summary.json`] });
    return result;
  } finally {
    predictions.close();
  }
}

/** Scores and writes holding the directory's lock, so two processes never publish into one directory at once. */
async function withLock<T>(out: string, inputs: readonly string[], work: () => Promise<T>): Promise<T> {
  await mkdir(out, { recursive: true });
  const lock = lockDirectory(out, 'shopeval score');
  try {
    checkOutputDirectory(out, { command: 'score', inputs });
    return await work();
  } finally {
    lock.release();
  }
}
