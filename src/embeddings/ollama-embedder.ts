import { loadOllama } from '../util/load-clients';
import type { Embedder } from '../scoring/types';
import { DEFAULT_EMBEDDING_BATCH_SIZE } from './local-embedder';
import { embedInBatches } from './embed-in-batches';
import { redactSecrets, registerUrlSecrets } from '../providers/redact-secrets';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

export interface OllamaEmbedderOptions {
  /** The Ollama server, e.g. http://127.0.0.1:11434. */
  readonly host: string;
  /** An Ollama model name, e.g. `all-minilm:l6-v2`. */
  readonly model: string;
  /** Texts per request. @default 32 */
  readonly batchSize?: number;
  readonly fetch?: typeof fetch;
}

/** An Embedder backed by Ollama's `/api/embed`, through the official `ollama` client. */
export function createOllamaEmbedder(options: OllamaEmbedderOptions): Embedder {
  const endpoint = registerUrlSecrets(options.host);
  const client = new (loadOllama().Ollama)({ host: options.host, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) });
  return {
    description: `ollama:${endpoint}#${options.model}`,
    embed: (texts) =>
      embedInBatches(texts, options.batchSize ?? DEFAULT_EMBEDDING_BATCH_SIZE, async (batch) => {
        // truncate: like sentence-transformers, cut long texts instead of failing on them
        const response = await client.embed({ model: options.model, input: [...batch], truncate: true }).catch((error: unknown) => {
          throw new Error(redactSecrets(error instanceof Error ? error.message : String(error)));
        });
        return response.embeddings;
      }),
  };
}
