import { merge } from '../app/merge';
import { defined } from '../util/defined';
import { readEmbeddingFlags, toEmbeddingOptions, type EmbeddingArguments } from './embedding-options';
import type { FlagValues } from './flags/flag-spec';
import { MERGE_FLAGS } from './flags/merge-flags';
import { readFlags } from './flags/read-flags';
import { createTerminalReporter } from './terminal-reporter';

async function mergeFlags(
  directories: readonly string[],
  args: FlagValues<typeof MERGE_FLAGS>,
  embedding: EmbeddingArguments,
): Promise<void> {
  await merge(
    {
      directories,
      out: args.out,
      datasetOptions: { skipInvalidRows: args['skip-invalid-rows'], ...defined({ trackMap: args['track-map'] }) },
      embedding: toEmbeddingOptions(embedding),
      force: args.force,
      ...defined({ data: args.data }),
    },
    createTerminalReporter(),
  );
}

/** `shopeval merge <dirs..>`, after yargs has parsed the command line. */
export function handleMerge(args: Readonly<Record<string, unknown>>): Promise<void> {
  const directories = Array.isArray(args['dirs']) ? args['dirs'].map(String) : [];
  return mergeFlags(directories, readFlags(MERGE_FLAGS, args), readEmbeddingFlags(args));
}
