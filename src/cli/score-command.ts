import { join } from 'node:path';
import { describeSkippedRows } from '../dataset/dataset-identity';
import { openDataset } from '../dataset/load-dataset';
import { PredictionIndex } from '../dataset/prediction-index';
import { scorePredictions } from '../pipeline/score-predictions';
import { renderSummaryTable } from '../reports/summary-table';
import { resolveDatasetEmbedders } from './dataset-embedders';
import { readEmbeddingFlags, type EmbeddingArguments } from './embedding-options';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { SCORE_FLAGS } from './flags/score-flags';

/** Streams the dataset and the predictions (by offset), writing items.jsonl as it scores; summary.json comes last. */
async function score(args: FlagValues<typeof SCORE_FLAGS>, embedding: EmbeddingArguments): Promise<void> {
  const dataset = await openDataset(args.data, {}, { skipInvalidRows: args['skip-invalid-rows'], ...(args['track-map'] === undefined ? {} : { trackMap: args['track-map'] }) });
  const predictions = await PredictionIndex.open(args.predictions);
  try {
    const { embedders, unavailable } = await resolveDatasetEmbedders(dataset, embedding);
    const result = await scorePredictions({ dataset, predictions, profile: args.profile, embedders, embeddingUnavailable: unavailable, ...(args.out === undefined ? {} : { out: args.out }) });
    process.stdout.write(renderSummaryTable(result.summary, args.out === undefined ? {} : { detailsIn: join(args.out, 'summary.json') }) + '\n');
    const skippedNote = describeSkippedRows(dataset);
    for (const warning of [...result.warnings, ...(skippedNote === undefined ? [] : [skippedNote])]) process.stderr.write(`${warning}\n`);
    if (args.out !== undefined) process.stderr.write(`wrote ${args.out}/items.jsonl and ${args.out}/summary.json\n`);
  } finally {
    predictions.close();
  }
}

/** `shopeval score`, after yargs has parsed the command line. */
export function handleScore(args: Readonly<Record<string, unknown>>): Promise<void> {
  return score(readFlags(SCORE_FLAGS, args), readEmbeddingFlags(args));
}
