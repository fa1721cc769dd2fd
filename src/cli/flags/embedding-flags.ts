import { EMBEDDING_BACKENDS } from '../../embeddings/embedding-options';
import { SEMANTIC_METRICS } from '../../embeddings/model-profiles';
import type { FlagTable } from './flag-spec';

/** The embedding flags shared by `run`, `score` and `embed` (the config file's `embeddings` section). */
export const EMBEDDING_FLAGS = {
  'embedding-backend': {
    type: 'choice',
    choices: EMBEDDING_BACKENDS,
    default: 'local',
    group: 'embeddings',
    describe:
      "Where both metrics' embeddings come from: in-process ONNX model, OpenAI-compatible /v1/embeddings, Ollama /api/embed, or none",
  },
  'sent-transformer-model': {
    type: 'string',
    path: 'path-or-name',
    group: 'embeddings',
    describe: 'local: directory of the all-MiniLM-L6-v2 ONNX export (or a hub id); openai/ollama: the served model name',
  },
  'multilingual-sent-transformer-model': {
    type: 'string',
    path: 'path-or-name',
    group: 'embeddings',
    describe:
      'local: directory of the paraphrase-multilingual-MiniLM-L12-v2 ONNX export (or a hub id); openai/ollama: the served model name',
  },
  'embedding-model-dir': {
    type: 'string',
    path: 'path',
    group: 'embeddings',
    describe: 'Directory holding <hub id>/ model directories, e.g. DIR/sentence-transformers/all-MiniLM-L6-v2/',
  },
  'allow-model-download': {
    type: 'boolean',
    default: false,
    group: 'embeddings',
    describe: 'Download a model missing locally from the model hub',
  },
  'sent-transformer-backend': {
    type: 'choice',
    choices: EMBEDDING_BACKENDS,
    group: 'embeddings',
    describe: 'Backend for sent-transformer (overrides --embedding-backend)',
  },
  'multilingual-sent-transformer-backend': {
    type: 'choice',
    choices: EMBEDDING_BACKENDS,
    group: 'embeddings',
    describe: 'Backend for multilingual-sent-transformer (overrides --embedding-backend)',
  },
  'embedding-base-url': { type: 'string', group: 'embeddings', describe: 'OpenAI-compatible embeddings endpoint, including /v1' },
  'embedding-api-key-env': {
    type: 'string',
    group: 'embeddings',
    describe: "Environment variable holding the endpoint's API key",
    defaultDescription: 'SHOPEVAL_EMBEDDING_API_KEY, then OPENAI_API_KEY',
  },
  'ollama-host': {
    type: 'string',
    group: 'embeddings',
    describe: 'Ollama server for embeddings',
    defaultDescription: '$OLLAMA_HOST or http://127.0.0.1:11434',
  },
  'allow-other-embedding-model': {
    type: 'boolean',
    default: false,
    group: 'embeddings',
    describe: 'Score with a model whose shape differs from the official one (scores are then not comparable)',
  },
  'model-cache-dir': {
    type: 'string',
    path: 'path',
    group: 'embeddings',
    describe: 'Where downloaded models are kept',
    defaultDescription: '$XDG_CACHE_HOME/shopeval/models',
  },
  'embedding-batch-size': { type: 'integer', min: 1, default: 32, group: 'embeddings', describe: 'Texts per forward pass or request' },
  'embedding-cache': {
    type: 'boolean',
    default: true,
    group: 'embeddings',
    describe: 'Cache embeddings on disk (--no-embedding-cache: off)',
  },
  'embedding-cache-dir': {
    type: 'string',
    path: 'path',
    group: 'embeddings',
    describe: 'Embedding cache directory',
    defaultDescription: '$XDG_CACHE_HOME/shopeval/embeddings',
  },
} as const satisfies FlagTable;

/** `shopeval embed <sentences..>`: its own flag besides the embedding flags. */
export const EMBED_FLAGS = {
  metric: {
    type: 'choice',
    choices: SEMANTIC_METRICS,
    default: 'sent-transformer',
    group: 'embeddings',
    describe: 'Whose model: sent-transformer (all-MiniLM-L6-v2) or multilingual-sent-transformer (paraphrase-multilingual-MiniLM-L12-v2)',
  },
} as const satisfies FlagTable;
