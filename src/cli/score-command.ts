import { mkdir } from 'node:fs/promises';
import type { CommandModule } from 'yargs';
import { loadDataset, type Dataset } from '../dataset/load-dataset';
import { loadPredictions, type Prediction } from '../dataset/load-predictions';
import { DatasetError, formatLocation } from '../errors';
import { scoreOutputs, type ItemOutput } from '../pipeline/score-outputs';
import { writeResults } from '../pipeline/write-results';
import { lockDirectory } from '../rundir/directory-lock';
import { checkOutputDirectory } from '../rundir/output-guard';
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
      .option('data', { type: 'string', demandOption: true, describe: 'ShopBench dataset (.jsonl or JSON array)' })
      .option('predictions', { type: 'string', demandOption: true, describe: 'JSON Lines of {"id": ..., "output": "..."}' })
      .option('profile', { type: 'string', choices: PROFILE_NAMES, default: DEFAULT_PROFILE, describe: 'Scoring profile' })
      .option('out', { type: 'string', describe: 'Write items.jsonl and summary.json into this directory' })
      .options(EMBEDDING_CLI_OPTIONS),
  handler: async (args) => {
    // someone else's directory is refused before the work, not after it
    if (args.out !== undefined) checkOutputDirectory(args.out, { command: 'score', inputs: [args.data, args.predictions] });
    const dataset = await loadDataset(args.data);
    const predictions = await loadPredictions(args.predictions);
    checkPredictionsMatch(dataset, predictions, args.predictions);
    const outputs = new Map<string, ItemOutput>([...predictions.values()].map((prediction) => [prediction.id, { output: prediction.output }]));
    const { embedders, unavailable } = await resolveDatasetEmbedders(dataset, args);
    const result = await scoreOutputs({ dataset, outputs, profile: args.profile, embedders, embeddingUnavailable: unavailable });
    process.stdout.write(renderSummaryTable(result.summary) + '\n');
    warnAboutMismatches(dataset, predictions);
    if (args.out !== undefined) {
      await mkdir(args.out, { recursive: true });
      const lock = lockDirectory(args.out, 'shopeval score');
      try {
        checkOutputDirectory(args.out, { command: 'score', inputs: [args.data, args.predictions] });
        await writeResults(args.out, result);
      } finally {
        lock.release();
      }
      process.stderr.write(`wrote ${args.out}/items.jsonl and ${args.out}/summary.json\n`);
    }
  },
};
