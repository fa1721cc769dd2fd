import type { Argv } from 'yargs';
import type { EmbeddingBackend, EmbeddingOptions, MetricEmbeddingOptions } from '../embeddings/embedding-options';
import type { SemanticMetric } from '../scoring/types';
import { EMBEDDING_FLAGS } from './flags/embedding-flags';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { addFlags } from './flags/yargs-options';

export type EmbeddingArguments = FlagValues<typeof EMBEDDING_FLAGS>;

/** The embedding flags shared by `score`, `run` and `embed`, as yargs options. */
export function addEmbeddingOptions<T>(argv: Argv<T>): Argv<T> {
  return addFlags(argv, EMBEDDING_FLAGS);
}

/** The embedding flags' checked values from yargs' parsed arguments. */
export function readEmbeddingFlags(args: Readonly<Record<string, unknown>>): EmbeddingArguments {
  return readFlags(EMBEDDING_FLAGS, args);
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
      'multilingual-sent-transformer': metricOptions(
        args['multilingual-sent-transformer-backend'],
        args['multilingual-sent-transformer-model'],
      ),
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
