import type { Embedders, SemanticMetric } from '../scoring/types';
import { createCachedEmbedder, defaultEmbeddingCacheDirectory } from './embedding-cache';
import type { EmbeddingOptions } from './embedding-options';
import { SEMANTIC_METRICS } from './model-profiles';
import { resolveOllamaEmbedder, resolveOpenAiEmbedder } from './resolve-endpoint-embedder';
import { resolveLocalEmbedder } from './resolve-local-embedder';
import { TO_SCORE_IT, type ResolvedEmbedder } from './resolved-embedder';

export type { EmbeddingBackend, EmbeddingOptions, MetricEmbeddingOptions } from './embedding-options';

export interface ResolvedEmbedders {
  readonly embedders: Embedders;
  /** Why a metric has no embedder, phrased as what to do (which flag, which directory, which endpoint). */
  readonly unavailable: Partial<Record<SemanticMetric, string>>;
}

async function resolveOne(metric: SemanticMetric, options: EmbeddingOptions): Promise<ResolvedEmbedder> {
  const backend = options.perMetric?.[metric]?.backend ?? options.backend ?? 'local';
  switch (backend) {
    case 'none':
      return {
        problem: `${metric} scoring is switched off (${options.perMetric?.[metric]?.backend === 'none' ? `--${metric}-backend` : '--embedding-backend'} none)${TO_SCORE_IT}choose local, openai or ollama`,
      };
    case 'local':
      return resolveLocalEmbedder(metric, options);
    case 'openai':
      return resolveOpenAiEmbedder(metric, options);
    case 'ollama':
      return resolveOllamaEmbedder(metric, options);
  }
}

/** Builds the embedder of each semantic metric from the options, or says precisely why it cannot. Never substitutes a model. */
export async function resolveEmbedders(options: EmbeddingOptions): Promise<ResolvedEmbedders> {
  const embedders: Embedders = {};
  const unavailable: Partial<Record<SemanticMetric, string>> = {};
  const environment = options.environment ?? process.env;
  for (const metric of options.metrics ?? SEMANTIC_METRICS) {
    const resolved = await resolveOne(metric, options);
    if ('problem' in resolved) {
      unavailable[metric] = resolved.problem;
      continue;
    }
    const cacheDirectory = options.cacheDirectory ?? defaultEmbeddingCacheDirectory(environment);
    const embedder =
      cacheDirectory === false
        ? resolved.embedder
        : createCachedEmbedder(resolved.embedder, { directory: cacheDirectory, identity: resolved.identity });
    embedders[metric] = { description: embedder.description, official: resolved.official, embed: (texts) => embedder.embed(texts) };
  }
  return { embedders, unavailable };
}
