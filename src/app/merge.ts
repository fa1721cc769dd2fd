import type { DatasetOptions } from '../dataset/load-dataset';
import type { EmbeddingOptions } from '../embeddings/resolve-embedders';
import { mergeShards, type MergeOutcome } from '../shards/merge-shards';
import { SILENT_REPORTER, type AppReporter } from './app-event';
import { resolveDatasetEmbedders } from './dataset-embedders';

export interface MergeRunOptions {
  /** The shards' run directories (all N, any order). */
  readonly directories: readonly string[];
  readonly out: string;
  /** The dataset, when it moved since the shards ran (its content must hash the same). @default the shards' dataset.path */
  readonly data?: string;
  readonly datasetOptions?: DatasetOptions;
  /** The embedding backends of the dataset's semantic metrics (the merged scores are recomputed). @default the library's */
  readonly embedding?: EmbeddingOptions;
  /** Replace a run already in `out`. @default false */
  readonly force?: boolean;
}

/**
 * Joins the N shard runs of one run into one run directory, scored as `run` scores. Events: which backend scores each
 * semantic metric, then shards-merged with the summary.
 */
export async function merge(options: MergeRunOptions, reporter: AppReporter = SILENT_REPORTER): Promise<MergeOutcome> {
  const { embedding, ...shards } = options;
  const outcome = await mergeShards({
    ...shards,
    resolveEmbedders: (dataset) => resolveDatasetEmbedders(dataset, embedding ?? {}, reporter),
  });
  reporter({ type: 'shards-merged', outcome });
  return outcome;
}
