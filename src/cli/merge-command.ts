import { join } from 'node:path';
import { renderSummaryTable } from '../reports/render/summary-table';
import { mergeShards } from '../shards/merge-shards';
import { defined } from '../util/defined';
import { resolveDatasetEmbedders } from './dataset-embedders';
import { readEmbeddingFlags, type EmbeddingArguments } from './embedding-options';
import type { FlagValues } from './flags/flag-spec';
import { MERGE_FLAGS } from './flags/merge-flags';
import { readFlags } from './flags/read-flags';

async function merge(directories: readonly string[], args: FlagValues<typeof MERGE_FLAGS>, embedding: EmbeddingArguments): Promise<void> {
  const outcome = await mergeShards({
    directories,
    out: args.out,
    datasetOptions: { skipInvalidRows: args['skip-invalid-rows'], ...defined({ trackMap: args['track-map'] }) },
    resolveEmbedders: (dataset) => resolveDatasetEmbedders(dataset, embedding),
    force: args.force,
    ...defined({ data: args.data }),
  });
  process.stdout.write(renderSummaryTable(outcome.summary, { detailsIn: join(outcome.directory, 'summary.json') }) + '\n');
  process.stderr.write(
    `merged ${outcome.shards} shards (${outcome.summary.counts.items} items) into ${outcome.directory} (manifest.json, responses.jsonl, items.jsonl, summary.json)\n`,
  );
}

/** `shopeval merge <dirs..>`, after yargs has parsed the command line. */
export function handleMerge(args: Readonly<Record<string, unknown>>): Promise<void> {
  const directories = Array.isArray(args['dirs']) ? args['dirs'].map(String) : [];
  return merge(directories, readFlags(MERGE_FLAGS, args), readEmbeddingFlags(args));
}
