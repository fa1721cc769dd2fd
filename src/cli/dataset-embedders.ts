import { resolveDatasetEmbedders as resolveForDataset } from '../app/dataset-embedders';
import type { DatasetScan } from '../dataset/load-dataset';
import type { ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { toEmbeddingOptions, type EmbeddingArguments } from './embedding-options';
import { createTerminalReporter } from './terminal-reporter';

/** The app's embedder choice for a dataset, from the embedding flags, with its notices on stderr (merge, batch ingest). */
export function resolveDatasetEmbedders(dataset: DatasetScan, args: EmbeddingArguments): Promise<ResolvedEmbedders> {
  return resolveForDataset(dataset, toEmbeddingOptions(args), createTerminalReporter());
}
