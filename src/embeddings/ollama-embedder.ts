import { loadOllama } from '../util/load-clients';
import type { Embedder } from '../scoring/types';
import { DEFAULT_EMBEDDING_BATCH_SIZE } from './local-embedder';
import { embedInBatches } from './embed-in-batches';
import { DEFAULT_EMBEDDER_RETRY } from './embedder-retry';
import { createOllamaFetch } from '../providers/ollama/ollama-fetch';
import { asProviderCallError, ProviderCallError, retryVerdict } from '../providers/provider-call-error';
import { registerUrlSecrets } from '../providers/redact-secrets';
import { retryPolicy, withRetries, type RetrySettings } from '../providers/retry-policy';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

export interface OllamaEmbedderOptions {
  /** The Ollama server, e.g. http://127.0.0.1:11434. */
  readonly host: string;
  /** An Ollama model name, e.g. `all-minilm:l6-v2`. */
  readonly model: string;
  /** Texts per request. @default 32 */
  readonly batchSize?: number;
  /** Retries of a failed batch (429 / 5xx / connection errors / timeouts, honouring Retry-After). @default 3 attempts */
  readonly retry?: RetrySettings;
  /** Per-request timeout in milliseconds (the ollama client has none of its own). @default 60000 */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** An Embedder backed by Ollama's `/api/embed`, through the official `ollama` client. */
export function createOllamaEmbedder(options: OllamaEmbedderOptions): Embedder {
  const endpoint = registerUrlSecrets(options.host);
  const policy = retryPolicy({ ...DEFAULT_EMBEDDER_RETRY, ...options.retry });
  const timeoutMs = options.timeoutMs ?? 60_000;
  const embedOnce = async (batch: readonly string[]): Promise<number[][]> => {
    const signal = AbortSignal.timeout(timeoutMs);
    // a client per request: its fetch carries this request's deadline and classifies failures where the status is visible
    const client = new (loadOllama().Ollama)({ host: options.host, fetch: createOllamaFetch(signal, options.fetch) });
    try {
      // truncate: like sentence-transformers, cut long texts instead of failing on them
      const response = await client.embed({ model: options.model, input: [...batch], truncate: true });
      return response.embeddings;
    } catch (error) {
      if (signal.aborted) throw new ProviderCallError({ kind: 'timeout', message: `no answer within ${timeoutMs} ms`, cause: error });
      throw asProviderCallError(error);
    }
  };
  return {
    description: `ollama:${endpoint}#${options.model}`,
    embed: (texts) =>
      embedInBatches(texts, options.batchSize ?? DEFAULT_EMBEDDING_BATCH_SIZE, (batch) =>
        withRetries(policy, () => embedOnce(batch), { classify: retryVerdict }),
      ),
  };
}
