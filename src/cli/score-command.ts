import { join } from 'node:path';
import { loadDataset, type Dataset } from '../dataset/load-dataset';
import { loadPredictions, type Prediction } from '../dataset/load-predictions';
import { DatasetError, formatLocation } from '../errors';
import { scoreOutputs, type ItemOutput } from '../pipeline/score-outputs';
import { writeResults } from '../pipeline/write-results';
import { renderSummaryTable } from '../reports/summary-table';
import { resolveDatasetEmbedders } from './dataset-embedders';
import { readEmbeddingFlags, type EmbeddingArguments } from './embedding-options';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { SCORE_FLAGS } from './flags/score-flags';

/** Not one prediction names a dataset row: scoring would give a table of zeros, so this is a mistake to report. */
function checkPredictionsMatch(dataset: Dataset, predictions: ReadonlyMap<string, Prediction>, path: string): void {
  if (dataset.rows.some((row) => predictions.has(row.id))) return;
  const example = predictions.values().next().value as Prediction | undefined;
  const detail = example === undefined ? `${path} has no predictions` : `none of the ${predictions.size} ids in ${path} (e.g. "${example.id}") is a row of ${dataset.path}`;
  throw new DatasetError(detail, {
    hint: `Predictions must use the dataset's row ids (its "id" field, or the content ids shopeval derives, e.g. "${dataset.rows[0]?.id ?? ''}"; see README: Row ids).`,
  });
}

function warnAboutMismatches(dataset: Dataset, predictions: ReadonlyMap<string, Prediction>): void {
  const missing = dataset.rows.filter((row) => !predictions.has(row.id));
  if (missing.length > 0) {
    const where = missing.slice(0, 3).map((row) => `"${row.id}" (${formatLocation(row.source)})`);
    process.stderr.write(`warning: ${missing.length} dataset rows have no prediction, e.g. ${where.join(', ')}; they were scored as empty outputs\n`);
  }
  const known = new Set(dataset.rows.map((row) => row.id));
  const unknown = [...predictions.values()].filter((prediction) => !known.has(prediction.id));
  if (unknown.length > 0) {
    const where = unknown.slice(0, 3).map((prediction) => `"${prediction.id}" (${formatLocation(prediction.location)})`);
    process.stderr.write(`warning: ${unknown.length} predictions name ids not in the dataset, e.g. ${where.join(', ')}; they were ignored\n`);
  }
}

async function score(args: FlagValues<typeof SCORE_FLAGS>, embedding: EmbeddingArguments): Promise<void> {
  const dataset = await loadDataset(args.data);
  const predictions = await loadPredictions(args.predictions);
  checkPredictionsMatch(dataset, predictions, args.predictions);
  const outputs = new Map<string, ItemOutput>([...predictions.values()].map((prediction) => [prediction.id, { output: prediction.output }]));
  const { embedders, unavailable } = await resolveDatasetEmbedders(dataset, embedding);
  const result = await scoreOutputs({ dataset, outputs, profile: args.profile, embedders, embeddingUnavailable: unavailable });
  if (args.out !== undefined) await writeResults(args.out, result); // written first: the table points at it
  process.stdout.write(renderSummaryTable(result.summary, args.out === undefined ? {} : { detailsIn: join(args.out, 'summary.json') }) + '\n');
  warnAboutMismatches(dataset, predictions);
  if (args.out !== undefined) process.stderr.write(`wrote ${args.out}/items.jsonl and ${args.out}/summary.json\n`);
}

/** `shopeval score`, after yargs has parsed the command line. */
export function handleScore(args: Readonly<Record<string, unknown>>): Promise<void> {
  return score(readFlags(SCORE_FLAGS, args), readEmbeddingFlags(args));
}
