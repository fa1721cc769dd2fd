import type { CommandModule } from 'yargs';
import { describeSkippedRows } from '../dataset/dataset-identity';
import { loadDataset, type Dataset } from '../dataset/load-dataset';
import { loadPredictions, type Prediction } from '../dataset/load-predictions';
import { DatasetError, formatLocation } from '../errors';
import { scoreOutputs, type ItemOutput } from '../pipeline/score-outputs';
import { writeResults } from '../pipeline/write-results';
import { renderSummaryTable } from '../reports/summary-table';
import { DEFAULT_PROFILE } from '../scoring/profiles';
import { resolveDatasetEmbedders } from './dataset-embedders';
import { EMBEDDING_CLI_OPTIONS, type EmbeddingArguments } from './embedding-options';
import { PROFILE_NAMES, type ProfileName } from '../scoring/types';

interface ScoreArgs extends EmbeddingArguments {
  data: string;
  predictions: string;
  profile: ProfileName;
  out: string | undefined;
  'skip-invalid-rows': boolean;
  'track-map': string | undefined;
}

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

export const scoreCommand: CommandModule<object, ScoreArgs> = {
  command: 'score',
  describe: 'Score a predictions file against a ShopBench dataset with the official parsers and metrics',
  builder: (yargs) =>
    yargs
      .option('data', { type: 'string', demandOption: true, describe: 'ShopBench dataset: a .jsonl or JSON array file, or a folder of them' })
      .option('skip-invalid-rows', { type: 'boolean', default: false, describe: 'Score the valid rows; the invalid ones are listed in the results' })
      .option('track-map', { type: 'string', describe: 'JSON file mapping file paths or task names to tracks, for rows without track' })
      .option('predictions', { type: 'string', demandOption: true, describe: 'JSON Lines of {"id": ..., "output": "..."}' })
      .option('profile', { type: 'string', choices: PROFILE_NAMES, default: DEFAULT_PROFILE, describe: 'Scoring profile' })
      .option('out', { type: 'string', describe: 'Write items.jsonl and summary.json into this directory' })
      .options(EMBEDDING_CLI_OPTIONS),
  handler: async (args) => {
    const dataset = await loadDataset(args.data, {}, { skipInvalidRows: args['skip-invalid-rows'], ...(args['track-map'] === undefined ? {} : { trackMap: args['track-map'] }) });
    const predictions = await loadPredictions(args.predictions);
    checkPredictionsMatch(dataset, predictions, args.predictions);
    const outputs = new Map<string, ItemOutput>([...predictions.values()].map((prediction) => [prediction.id, { output: prediction.output }]));
    const { embedders, unavailable } = await resolveDatasetEmbedders(dataset, args);
    const result = await scoreOutputs({ dataset, outputs, profile: args.profile, embedders, embeddingUnavailable: unavailable });
    process.stdout.write(renderSummaryTable(result.summary) + '\n');
    warnAboutMismatches(dataset, predictions);
    const skippedNote = describeSkippedRows(dataset);
    if (skippedNote !== undefined) process.stderr.write(`${skippedNote}\n`);
    if (result.truthWarning !== undefined) process.stderr.write(`${result.truthWarning}\n`);
    if (args.out !== undefined) {
      await writeResults(args.out, result);
      process.stderr.write(`wrote ${args.out}/items.jsonl and ${args.out}/summary.json\n`);
    }
  },
};
