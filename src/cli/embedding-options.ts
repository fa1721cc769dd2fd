import type { Argv, InferredOptionTypes, Options } from 'yargs';
import { EMBEDDING_BACKENDS } from '../embeddings/embedding-options';
import type { EmbeddingBackend, EmbeddingOptions, MetricEmbeddingOptions } from '../embeddings/embedding-options';
import type { SemanticMetric } from '../scoring/types';

const GROUP = 'Semantic similarity (sent-transformer, multilingual-sent-transformer):';

/** The embedding flags shared by `score`, `run` and `embed`. */
export const EMBEDDING_CLI_OPTIONS = {
  'embedding-backend': {
    choices: EMBEDDING_BACKENDS,
    default: 'local' as EmbeddingBackend,
    describe: 'Where embeddings come from for both metrics: in-process ONNX model, OpenAI-compatible /v1/embeddings, Ollama /api/embed, or none',
    group: GROUP,
  },
  'sent-transformer-backend': { choices: EMBEDDING_BACKENDS, describe: 'Backend for sent-transformer (overrides --embedding-backend)', group: GROUP },
  'multilingual-sent-transformer-backend': {
    choices: EMBEDDING_BACKENDS,
    describe: 'Backend for multilingual-sent-transformer (overrides --embedding-backend)',
    group: GROUP,
  },
  'sent-transformer-model': {
    type: 'string',
    describe: 'local: directory of the all-MiniLM-L6-v2 ONNX export (or a hub id); openai/ollama: the served model name',
    group: GROUP,
  },
  'multilingual-sent-transformer-model': {
    type: 'string',
    describe: 'local: directory of the paraphrase-multilingual-MiniLM-L12-v2 ONNX export (or a hub id); openai/ollama: the served model name',
    group: GROUP,
  },
  'embedding-model-dir': { type: 'string', describe: 'Directory holding <hub id>/ model directories, e.g. DIR/sentence-transformers/all-MiniLM-L6-v2/', group: GROUP },
  'model-cache-dir': { type: 'string', describe: 'Where downloaded models are kept [default: $XDG_CACHE_HOME/shopeval/models]', group: GROUP },
  'allow-model-download': { type: 'boolean', default: false, describe: 'Download a model missing locally from the model hub', group: GROUP },
  'allow-other-embedding-model': {
    type: 'boolean',
    default: false,
    describe: 'Score with a model whose shape differs from the official one (scores are then not comparable)',
    group: GROUP,
  },
  'embedding-base-url': { type: 'string', describe: 'OpenAI-compatible embeddings endpoint, including /v1', group: GROUP },
  'embedding-api-key-env': {
    type: 'string',
    describe: 'Environment variable holding the endpoint API key [default: SHOPEVAL_EMBEDDING_API_KEY, then OPENAI_API_KEY]',
    group: GROUP,
  },
  'ollama-host': { type: 'string', describe: 'Ollama server [default: $OLLAMA_HOST or http://127.0.0.1:11434]', group: GROUP },
  'embedding-batch-size': { type: 'number', default: 32, describe: 'Texts per forward pass or request', group: GROUP },
  'embedding-cache': { type: 'boolean', default: true, describe: 'Cache embeddings on disk (--no-embedding-cache to switch off)', group: GROUP },
  'embedding-cache-dir': { type: 'string', describe: 'Embedding cache directory [default: $XDG_CACHE_HOME/shopeval/embeddings]', group: GROUP },
} as const satisfies Record<string, Options>;

export type EmbeddingArguments = InferredOptionTypes<typeof EMBEDDING_CLI_OPTIONS>;

export function addEmbeddingOptions<T>(argv: Argv<T>): Argv<Omit<T, keyof EmbeddingArguments> & EmbeddingArguments> {
  return argv.options(EMBEDDING_CLI_OPTIONS);
}

function metricOptions(backend: EmbeddingBackend | undefined, model: string | undefined): MetricEmbeddingOptions {
  return { ...(backend === undefined ? {} : { backend }), ...(model === undefined ? {} : { model }) };
}

/** Turns parsed flags into resolveEmbedders options (only what was given; defaults live in the library). */
export function toEmbeddingOptions(args: EmbeddingArguments, metrics?: readonly SemanticMetric[]): EmbeddingOptions {
  const optional = <K extends keyof EmbeddingOptions>(key: K, value: EmbeddingOptions[K] | undefined): Partial<EmbeddingOptions> =>
    value === undefined ? {} : ({ [key]: value } as Partial<EmbeddingOptions>);
  return {
    backend: args['embedding-backend'],
    perMetric: {
      'sent-transformer': metricOptions(args['sent-transformer-backend'], args['sent-transformer-model']),
      'multilingual-sent-transformer': metricOptions(args['multilingual-sent-transformer-backend'], args['multilingual-sent-transformer-model']),
    },
    allowRemoteModels: args['allow-model-download'],
    allowOtherModel: args['allow-other-embedding-model'],
    batchSize: args['embedding-batch-size'],
    ...optional('cacheDirectory', args['embedding-cache'] ? args['embedding-cache-dir'] : false),
    ...optional('metrics', metrics),
    ...optional('modelRoot', args['embedding-model-dir']),
    ...optional('modelCacheDirectory', args['model-cache-dir']),
    ...optional('openaiBaseURL', args['embedding-base-url']),
    ...optional('apiKeyVariable', args['embedding-api-key-env']),
    ...optional('ollamaHost', args['ollama-host']),
  };
}
