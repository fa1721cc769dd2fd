import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeSkippedRows } from '../dataset/dataset-identity';
import { openDataset } from '../dataset/load-dataset';
import { PredictionIndex } from '../dataset/prediction-index';
import { scorePredictions } from '../pipeline/score-predictions';
import { lockDirectory } from '../rundir/directory-lock';
import { checkOutputDirectory } from '../rundir/output-guard';
import { renderSummaryTable } from '../reports/render/summary-table';
import { resolveDatasetEmbedders } from './dataset-embedders';
import { readEmbeddingFlags, type EmbeddingArguments } from './embedding-options';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { SCORE_FLAGS } from './flags/score-flags';

/** Streams the dataset and the predictions (by offset), writing items.jsonl as it scores; summary.json comes last. */
async function score(args: FlagValues<typeof SCORE_FLAGS>, embedding: EmbeddingArguments): Promise<void> {
  const inputs = [args.data, args.predictions];
  // someone else's directory is refused before the work, not after it
  if (args.out !== undefined) checkOutputDirectory(args.out, { command: 'score', inputs });
  const dataset = await openDataset(
    args.data,
    {},
    { skipInvalidRows: args['skip-invalid-rows'], ...(args['track-map'] === undefined ? {} : { trackMap: args['track-map'] }) },
  );
  const predictions = await PredictionIndex.open(args.predictions);
  try {
    const { embedders, unavailable } = await resolveDatasetEmbedders(dataset, embedding);
    const out = args.out;
    const result = await (out === undefined
      ? scorePredictions({ dataset, predictions, profile: args.profile, embedders, embeddingUnavailable: unavailable })
      : withLock(out, inputs, () =>
          scorePredictions({ dataset, predictions, profile: args.profile, embedders, embeddingUnavailable: unavailable, out }),
        ));
    process.stdout.write(renderSummaryTable(result.summary, out === undefined ? {} : { detailsIn: join(out, 'summary.json') }) + '\n');
    const skippedNote = describeSkippedRows(dataset);
    for (const warning of [...result.warnings, ...(skippedNote === undefined ? [] : [skippedNote])]) process.stderr.write(`${warning}\n`);
    if (out !== undefined) process.stderr.write(`wrote ${out}/items.jsonl and ${out}/summary.json\n`);
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

/** `shopeval score`, after yargs has parsed the command line. */
export function handleScore(args: Readonly<Record<string, unknown>>): Promise<void> {
  return score(readFlags(SCORE_FLAGS, args), readEmbeddingFlags(args));
}
