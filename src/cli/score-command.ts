import { score } from '../app/score';
import { readEmbeddingFlags, toEmbeddingOptions, type EmbeddingArguments } from './embedding-options';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { SCORE_FLAGS } from './flags/score-flags';
import { createTerminalReporter } from './terminal-reporter';
import { defined } from '../util/defined';

async function scoreFlags(args: FlagValues<typeof SCORE_FLAGS>, embedding: EmbeddingArguments): Promise<void> {
  await score(
    {
      data: args.data,
      predictions: args.predictions,
      profile: args.profile,
      ...defined({ out: args.out }),
      datasetOptions: { skipInvalidRows: args['skip-invalid-rows'], ...defined({ trackMap: args['track-map'] }) },
      embedding: toEmbeddingOptions(embedding),
    },
    createTerminalReporter(),
  );
}

/** `shopeval score`, after yargs has parsed the command line. */
export function handleScore(args: Readonly<Record<string, unknown>>): Promise<void> {
  return scoreFlags(readFlags(SCORE_FLAGS, args), readEmbeddingFlags(args));
}
