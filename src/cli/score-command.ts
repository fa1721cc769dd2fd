import type { CommandModule } from 'yargs';
import { describeSkippedRows } from '../dataset/dataset-identity';
import { openDataset } from '../dataset/load-dataset';
import { PredictionIndex } from '../dataset/prediction-index';
import { scorePredictions } from '../pipeline/score-predictions';
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
    const dataset = await openDataset(args.data, {}, { skipInvalidRows: args['skip-invalid-rows'], ...(args['track-map'] === undefined ? {} : { trackMap: args['track-map'] }) });
    const predictions = await PredictionIndex.open(args.predictions);
    try {
      const { embedders, unavailable } = await resolveDatasetEmbedders(dataset, args);
      const result = await scorePredictions({ dataset, predictions, profile: args.profile, embedders, embeddingUnavailable: unavailable, ...(args.out === undefined ? {} : { out: args.out }) });
      process.stdout.write(renderSummaryTable(result.summary) + '\n');
      const skippedNote = describeSkippedRows(dataset);
      for (const warning of [...result.warnings, ...(skippedNote === undefined ? [] : [skippedNote])]) process.stderr.write(`${warning}\n`);
      if (args.out !== undefined) process.stderr.write(`wrote ${args.out}/items.jsonl and ${args.out}/summary.json\n`);
    } finally {
      predictions.close();
    }
  },
};
