import { loadOpenAI } from '../util/load-clients';
import type { Embedder } from '../scoring/types';
import { DEFAULT_EMBEDDING_BATCH_SIZE } from './local-embedder';
import { embedInBatches } from './embed-in-batches';
import { classifyOpenAIError } from '../providers/openai-compatible/classify-openai-error';
import { registerSecret, registerUrlSecrets } from '../providers/redact-secrets';
import { retryPolicy, withRetries, type RetrySettings } from '../providers/retry-policy';
import { DEFAULT_EMBEDDER_RETRY } from './embedder-retry';
import { retryVerdict } from '../providers/provider-call-error';

export interface OpenAiEmbedderOptions {
  /** The server's base URL, including `/v1` (e.g. http://127.0.0.1:8080/v1). */
  readonly baseURL: string;
  readonly model: string;
  /** Sent as a bearer token; read from the environment by the caller and never logged. */
  readonly apiKey: string | undefined;
  /** Texts per request. @default 32 */
  readonly batchSize?: number;
  /** `float` for servers without base64 support; the client asks for base64 and decodes it when omitted. */
  readonly encodingFormat?: 'float' | 'base64';
  /** Retries of a failed batch (429 / 5xx / connection errors, honouring Retry-After); the client itself never retries. @default 3 attempts */
  readonly retry?: RetrySettings;
  /** Per-request timeout in milliseconds. @default 60000 */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

interface EmbeddingRow {
  readonly index: number;
  readonly embedding: unknown;
}

function toVector(embedding: unknown): number[] {
  if (Array.isArray(embedding) && embedding.every((value) => typeof value === 'number')) return embedding as number[];
  if (typeof embedding === 'string') {
    // only reached with encodingFormat 'base64', which the client then leaves undecoded: little-endian float32
    const bytes = Buffer.from(embedding, 'base64');
    const floats = new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4));
    return Array.from(floats);
  }
  throw new Error('the embeddings endpoint returned an embedding that is neither a number array nor base64');
}

/** An Embedder backed by an OpenAI-compatible `/v1/embeddings` endpoint, through the official `openai` client. */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  registerSecret(options.apiKey);
  const endpoint = registerUrlSecrets(options.baseURL);
  const client = new (loadOpenAI().OpenAI)({
    // servers such as TEI and vLLM need no key, but the client refuses to start without one
    apiKey: options.apiKey ?? 'no-key',
    baseURL: options.baseURL,
    // our retry policy is the one retry layer (see providers/retry-policy.ts)
    maxRetries: 0,
    timeout: options.timeoutMs ?? 60_000,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const policy = retryPolicy({ ...DEFAULT_EMBEDDER_RETRY, ...options.retry });
  // a server may echo the Authorization header in its error body: the classified error cuts the key where it is born
  const secrets = options.apiKey === undefined ? [] : [options.apiKey];
  const request = (batch: readonly string[]): Promise<{ data: unknown }> =>
    withRetries(
      policy,
      () =>
        client.embeddings.create({
          model: options.model,
          input: [...batch],
          ...(options.encodingFormat === undefined ? {} : { encoding_format: options.encodingFormat }),
        }),
      { classify: (error, attempt) => retryVerdict(classifyOpenAIError(error, secrets), attempt) },
    );
  return {
    description: `openai:${endpoint}#${options.model}`,
    embed: (texts) =>
      embedInBatches(texts, options.batchSize ?? DEFAULT_EMBEDDING_BATCH_SIZE, async (batch) => {
        const response = await request(batch);
        const rows = [...(response.data as readonly EmbeddingRow[])].sort((left, right) => left.index - right.index);
        if (rows.length !== batch.length) {
          throw new Error(`${endpoint}/embeddings returned ${rows.length} embeddings for ${batch.length} inputs`);
        }
        return rows.map((row) => toVector(row.embedding));
      }),
  };
}
