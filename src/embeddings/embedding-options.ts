import type { SemanticMetric } from '../scoring/types';

export const EMBEDDING_BACKENDS = ['local', 'openai', 'ollama', 'none'] as const;
export type EmbeddingBackend = (typeof EMBEDDING_BACKENDS)[number];

/** Settings for one semantic metric; unset fields fall back to the shared ones in EmbeddingOptions. */
export interface MetricEmbeddingOptions {
  readonly backend?: EmbeddingBackend;
  /** local: a model directory or a model-hub id; openai / ollama: the model name the server knows. */
  readonly model?: string;
  /** openai: the endpoint's base URL including /v1. */
  readonly baseURL?: string;
  /** ollama: the server. */
  readonly host?: string;
}

export interface EmbeddingOptions {
  /** Which metrics to resolve. @default both */
  readonly metrics?: readonly SemanticMetric[];
  /** The backend of every metric without its own. @default 'local' */
  readonly backend?: EmbeddingBackend;
  readonly perMetric?: Partial<Record<SemanticMetric, MetricEmbeddingOptions>>;
  /** A directory holding `<hub id>/` model directories, e.g. ROOT/sentence-transformers/all-MiniLM-L6-v2/. */
  readonly modelRoot?: string;
  /** Where downloaded hub files are kept. @default $XDG_CACHE_HOME/shopeval/models */
  readonly modelCacheDirectory?: string;
  /** Let transformers.js download a model missing locally from the model hub. @default false */
  readonly allowRemoteModels?: boolean;
  /** Accept a local model or endpoint whose shape is not the official model's (tests, experiments). @default false */
  readonly allowOtherModel?: boolean;
  /** The OpenAI-compatible endpoint shared by the metrics on the openai backend. */
  readonly openaiBaseURL?: string;
  /** Name of the environment variable holding the endpoint's API key. @default SHOPEVAL_EMBEDDING_API_KEY, then OPENAI_API_KEY */
  readonly apiKeyVariable?: string;
  /** The Ollama server. @default $OLLAMA_HOST or http://127.0.0.1:11434 */
  readonly ollamaHost?: string;
  /** Texts per forward pass or request. @default 32 */
  readonly batchSize?: number;
  /** The on-disk embedding cache; false switches it off. @default $XDG_CACHE_HOME/shopeval/embeddings */
  readonly cacheDirectory?: string | false;
  /** Retries of a failed batch on the openai and ollama backends, under the one retry policy. @default 2 */
  readonly maxRetries?: number;
  /** For tests: the environment to read keys and cache locations from. @default process.env */
  readonly environment?: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
}
