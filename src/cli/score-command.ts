import type { CommandModule } from 'yargs';
import { loadDataset } from '../dataset/load-dataset';
import { loadPredictions } from '../dataset/load-predictions';
import { checkPredictionsMatch, predictionWarnings } from '../pipeline/check-predictions';
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
    const dataset = await loadDataset(args.data);
    const predictions = await loadPredictions(args.predictions);
    checkPredictionsMatch(dataset, predictions, args.predictions);
    const outputs = new Map<string, ItemOutput>([...predictions.values()].map((prediction) => [prediction.id, { output: prediction.output }]));
    const { embedders, unavailable } = await resolveDatasetEmbedders(dataset, args);
    const result = await scoreOutputs({ dataset, outputs, profile: args.profile, embedders, embeddingUnavailable: unavailable });
    process.stdout.write(renderSummaryTable(result.summary) + '\n');
    for (const warning of predictionWarnings(dataset, predictions)) process.stderr.write(`${warning}\n`);
    if (args.out !== undefined) {
      await writeResults(args.out, result);
      process.stderr.write(`wrote ${args.out}/items.jsonl and ${args.out}/summary.json\n`);
    }
  },
};
