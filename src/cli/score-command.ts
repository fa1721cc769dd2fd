import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDataset } from '../dataset/load-dataset';
import { loadPredictions } from '../dataset/load-predictions';
import { checkPredictionsMatch, predictionWarnings } from '../pipeline/check-predictions';
import { scoreOutputs, type ItemOutput } from '../pipeline/score-outputs';
import { writeResults } from '../pipeline/write-results';
import { lockDirectory } from '../rundir/directory-lock';
import { checkOutputDirectory } from '../rundir/output-guard';
import { renderSummaryTable } from '../reports/summary-table';
import { resolveDatasetEmbedders } from './dataset-embedders';
import { readEmbeddingFlags, type EmbeddingArguments } from './embedding-options';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { SCORE_FLAGS } from './flags/score-flags';


async function score(args: FlagValues<typeof SCORE_FLAGS>, embedding: EmbeddingArguments): Promise<void> {
  // someone else's directory is refused before the work, not after it
  if (args.out !== undefined) checkOutputDirectory(args.out, { command: 'score', inputs: [args.data, args.predictions] });
  const dataset = await loadDataset(args.data);
  const predictions = await loadPredictions(args.predictions);
  checkPredictionsMatch(dataset, predictions, args.predictions);
  const outputs = new Map<string, ItemOutput>([...predictions.values()].map((prediction) => [prediction.id, { output: prediction.output }]));
  const { embedders, unavailable } = await resolveDatasetEmbedders(dataset, embedding);
  const result = await scoreOutputs({ dataset, outputs, profile: args.profile, embedders, embeddingUnavailable: unavailable });
  if (args.out !== undefined) await writeLocked(args.out, result, [args.data, args.predictions]); // written first: the table points at it
  process.stdout.write(renderSummaryTable(result.summary, args.out === undefined ? {} : { detailsIn: join(args.out, 'summary.json') }) + '\n');
  for (const warning of predictionWarnings(dataset, predictions)) process.stderr.write(`${warning}\n`);
  if (args.out !== undefined) process.stderr.write(`wrote ${args.out}/items.jsonl and ${args.out}/summary.json\n`);
}

/** Writes the results holding the directory's lock, so two processes never publish into one directory at once. */
async function writeLocked(out: string, result: Parameters<typeof writeResults>[1], inputs: readonly string[]): Promise<void> {
  await mkdir(out, { recursive: true });
  const lock = lockDirectory(out, 'shopeval score');
  try {
    checkOutputDirectory(out, { command: 'score', inputs });
    await writeResults(out, result);
  } finally {
    lock.release();
  }
}

/** `shopeval score`, after yargs has parsed the command line. */
export function handleScore(args: Readonly<Record<string, unknown>>): Promise<void> {
  return score(readFlags(SCORE_FLAGS, args), readEmbeddingFlags(args));
}
