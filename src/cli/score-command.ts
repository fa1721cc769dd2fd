import { join } from 'node:path';
import { loadDataset } from '../dataset/load-dataset';
import { loadPredictions } from '../dataset/load-predictions';
import { checkPredictionsMatch, predictionWarnings } from '../pipeline/check-predictions';
import { scoreOutputs, type ItemOutput } from '../pipeline/score-outputs';
import { writeResults } from '../pipeline/write-results';
import { renderSummaryTable } from '../reports/summary-table';
import { resolveDatasetEmbedders } from './dataset-embedders';
import { readEmbeddingFlags, type EmbeddingArguments } from './embedding-options';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { SCORE_FLAGS } from './flags/score-flags';


async function score(args: FlagValues<typeof SCORE_FLAGS>, embedding: EmbeddingArguments): Promise<void> {
  const dataset = await loadDataset(args.data);
  const predictions = await loadPredictions(args.predictions);
  checkPredictionsMatch(dataset, predictions, args.predictions);
  const outputs = new Map<string, ItemOutput>([...predictions.values()].map((prediction) => [prediction.id, { output: prediction.output }]));
  const { embedders, unavailable } = await resolveDatasetEmbedders(dataset, embedding);
  const result = await scoreOutputs({ dataset, outputs, profile: args.profile, embedders, embeddingUnavailable: unavailable });
  if (args.out !== undefined) await writeResults(args.out, result); // written first: the table points at it
  process.stdout.write(renderSummaryTable(result.summary, args.out === undefined ? {} : { detailsIn: join(args.out, 'summary.json') }) + '\n');
  for (const warning of predictionWarnings(dataset, predictions)) process.stderr.write(`${warning}\n`);
  if (args.out !== undefined) process.stderr.write(`wrote ${args.out}/items.jsonl and ${args.out}/summary.json\n`);
}

/** `shopeval score`, after yargs has parsed the command line. */
export function handleScore(args: Readonly<Record<string, unknown>>): Promise<void> {
  return score(readFlags(SCORE_FLAGS, args), readEmbeddingFlags(args));
}
