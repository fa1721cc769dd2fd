import { resolveEmbedders, type EmbeddingOptions } from '../embeddings/resolve-embedders';
import type { SemanticMetric } from '../scoring/types';
import { SILENT_REPORTER, type AppReporter } from './app-event';

export interface EmbedOptions {
  readonly metric: SemanticMetric;
  readonly sentences: readonly string[];
  /** How the metric's backend is chosen (the embedding flags). */
  readonly embedding: EmbeddingOptions;
}

/** `embedded: false` when no backend can produce the metric's model (the notice says why): bad input, nothing embedded. */
export interface EmbedResult {
  readonly embedded: boolean;
}

/**
 * Embeds each sentence with the backend the metric would use, one `embedding` event per sentence ({text, dimension,
 * norm, embedding}), so a user can compare it with `SentenceTransformer(model).encode([text])[0]`.
 */
export async function embed(options: EmbedOptions, reporter: AppReporter = SILENT_REPORTER): Promise<EmbedResult> {
  const { embedders, unavailable } = await resolveEmbedders({ ...options.embedding, metrics: [options.metric] });
  const embedder = embedders[options.metric];
  if (embedder === undefined) {
    reporter({ type: 'notice', message: `${options.metric}: ${unavailable[options.metric] ?? 'no embedder'}` });
    return { embedded: false };
  }
  reporter({ type: 'notice', message: `${options.metric}: ${embedder.description}` });
  const vectors = await embedder.embed(options.sentences);
  options.sentences.forEach((text, index) => {
    const embedding = vectors[index] ?? [];
    const norm = Math.sqrt(embedding.reduce((sum, value) => sum + value * value, 0));
    reporter({ type: 'embedding', text, dimension: embedding.length, norm, embedding });
  });
  return { embedded: true };
}
