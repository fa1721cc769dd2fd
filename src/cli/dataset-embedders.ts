import type { DatasetScan } from '../dataset/load-dataset';
import { ConfigError } from '../errors';
import type { SemanticMetric } from '../scoring/types';
import { resolveEmbedders, type ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { SEMANTIC_METRICS } from '../embeddings/model-profiles';
import { toEmbeddingOptions, type EmbeddingArguments } from './embedding-options';

/**
 * Resolves embedders only for the semantic metrics the dataset uses (loading a model costs seconds), and says on
 * stderr which backend scores each metric (an unscored one is explained with the results).
 */
export async function resolveDatasetEmbedders(dataset: DatasetScan, args: EmbeddingArguments): Promise<ResolvedEmbedders> {
  const metrics = SEMANTIC_METRICS.filter((metric) => dataset.metrics.has(metric));
  if (metrics.length === 0) return { embedders: {}, unavailable: {} };
  const resolved = await resolveEmbedders(toEmbeddingOptions(args, metrics));
  const failed = metrics.filter((metric) => resolved.embedders[metric] === undefined && askedFor(args, metric));
  const noneResolved = metrics.every((metric) => resolved.embedders[metric] === undefined);
  const globalAsk =
    args['embedding-base-url'] !== undefined ||
    args['embedding-model-dir'] !== undefined ||
    args['embedding-backend'] === 'openai' ||
    args['embedding-backend'] === 'ollama';
  const refused = failed.length > 0 ? failed : noneResolved && globalAsk ? metrics : [];
  if (refused.length > 0) {
    // the user named a model or an endpoint: a silent "unscored" would hide a typo until the report
    throw new ConfigError(refused.map((metric) => `${metric}: ${resolved.unavailable[metric] ?? 'no embedding backend'}`).join('\n'), {
      hint: 'Fix the embedding flags, or drop them to report these tasks unscored.',
    });
  }
  // an unscored metric is explained once, under the results (in full in summary.json), not here as well
  for (const metric of metrics) {
    const embedder = resolved.embedders[metric];
    if (embedder) process.stderr.write(`${metric}: ${embedder.description}\n`);
  }
  return resolved;
}

/** The user named this metric's own backend or model on the command line. */
function askedFor(args: EmbeddingArguments, metric: SemanticMetric): boolean {
  const backend = metric === 'sent-transformer' ? args['sent-transformer-backend'] : args['multilingual-sent-transformer-backend'];
  const model = metric === 'sent-transformer' ? args['sent-transformer-model'] : args['multilingual-sent-transformer-model'];
  return model !== undefined || (backend !== undefined && backend !== 'none');
}
