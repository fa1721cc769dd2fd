import type { Dataset } from '../dataset/load-dataset';
import { resolveEmbedders, type ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { SEMANTIC_METRICS } from '../embeddings/model-profiles';
import { toEmbeddingOptions, type EmbeddingArguments } from './embedding-options';

/**
 * Resolves embedders only for the semantic metrics the dataset uses (loading a model costs seconds), and says on
 * stderr which backend scores each metric, or why none can.
 */
export async function resolveDatasetEmbedders(dataset: Dataset, args: EmbeddingArguments): Promise<ResolvedEmbedders> {
  const metrics = SEMANTIC_METRICS.filter((metric) => dataset.rows.some((row) => row.metric === metric));
  if (metrics.length === 0) return { embedders: {}, unavailable: {} };
  const resolved = await resolveEmbedders(toEmbeddingOptions(args, metrics));
  for (const metric of metrics) {
    const embedder = resolved.embedders[metric];
    if (embedder) process.stderr.write(`${metric}: ${embedder.description}\n`);
    else process.stderr.write(`${metric}: not scored: ${resolved.unavailable[metric] ?? 'no embedding backend'}\n`);
  }
  return resolved;
}
