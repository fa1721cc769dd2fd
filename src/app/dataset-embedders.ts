import type { DatasetScan } from '../dataset/load-dataset';
import { SEMANTIC_METRICS } from '../embeddings/model-profiles';
import { resolveEmbedders, type EmbeddingOptions, type ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { ConfigError } from '../errors';
import type { SemanticMetric } from '../scoring/types';
import type { AppReporter } from './app-event';

/**
 * Resolves embedders only for the semantic metrics the dataset uses (loading a model costs seconds), and says which
 * backend scores each metric (an unscored one is explained with the results).
 */
export async function resolveDatasetEmbedders(
  dataset: DatasetScan,
  options: EmbeddingOptions,
  reporter: AppReporter,
): Promise<ResolvedEmbedders> {
  const metrics = SEMANTIC_METRICS.filter((metric) => dataset.metrics.has(metric));
  if (metrics.length === 0) return { embedders: {}, unavailable: {} };
  const resolved = await resolveEmbedders({ ...options, metrics });
  const failed = metrics.filter((metric) => resolved.embedders[metric] === undefined && askedFor(options, metric));
  const noneResolved = metrics.every((metric) => resolved.embedders[metric] === undefined);
  const globalAsk =
    options.openaiBaseURL !== undefined || options.modelRoot !== undefined || options.backend === 'openai' || options.backend === 'ollama';
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
    if (embedder) reporter({ type: 'notice', message: `${metric}: ${embedder.description}` });
  }
  return resolved;
}

/** The user named this metric's own backend or model. */
function askedFor(options: EmbeddingOptions, metric: SemanticMetric): boolean {
  const own = options.perMetric?.[metric];
  return own?.model !== undefined || (own?.backend !== undefined && own.backend !== 'none');
}
