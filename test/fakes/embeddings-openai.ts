import { fakeEmbedding, sendJson, startFakeServer } from './embeddings-vectors';
import type { FakeServer } from './embeddings-vectors';

export interface FakeOpenAiEmbeddingsOptions {
  /** Models the server knows; others get a 404 as OpenAI-compatible servers answer. */
  readonly models: readonly string[];
  /** Answer this many requests with 503 first (to see retries). @default 0 */
  readonly failFirst?: number;
  /**
   * After this many successful requests, answer every request with a 401 whose body and headers echo the
   * Authorization header in full and masked (`sk-test-SECRET***`), as some gateways do. 0: from the first request.
   */
  readonly echoKeyAfter?: number;
}

function base64Floats(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

/** A fake OpenAI-compatible `/v1/embeddings`: float arrays, or base64 float32 when `encoding_format` is base64. */
export function startFakeOpenAiEmbeddings(options: FakeOpenAiEmbeddingsOptions): Promise<FakeServer> {
  let failuresLeft = options.failFirst ?? 0;
  let served = 0;
  return startFakeServer((request, response) => {
    if (options.echoKeyAfter !== undefined && served >= options.echoKeyAfter) {
      const authorization = String(request.headers.authorization ?? 'absent');
      const token = authorization.replace(/^Bearer /, '');
      const masked = `${token.slice(0, Math.ceil(token.length / 2))}***`;
      const message = `Incorrect API key provided: ${masked}. Authorization header was ${authorization}; key ${token}`;
      response.writeHead(401, {
        'content-type': 'application/json',
        'x-echo-authorization': authorization,
        'www-authenticate': `Bearer realm="${token}"`,
      });
      response.end(JSON.stringify({ error: { message, type: 'invalid_request_error', code: 'invalid_api_key' } }));
      return;
    }
    served += 1;
    if (request.method !== 'POST' || request.url !== '/v1/embeddings') {
      sendJson(response, 404, { error: { message: `no route ${request.method} ${request.url}`, type: 'invalid_request_error' } });
      return;
    }
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      sendJson(response, 503, { error: { message: 'overloaded', type: 'server_error' } });
      return;
    }
    const body = request.body as { model?: unknown; input?: unknown; encoding_format?: unknown };
    if (typeof body.model !== 'string' || !options.models.includes(body.model)) {
      sendJson(response, 404, {
        error: { message: `The model '${String(body.model)}' does not exist`, type: 'invalid_request_error', code: 'model_not_found' },
      });
      return;
    }
    const inputs = typeof body.input === 'string' ? [body.input] : (body.input as string[]);
    const asBase64 = body.encoding_format === 'base64';
    sendJson(response, 200, {
      object: 'list',
      // listed in reverse: clients must order by `index`
      data: inputs
        .map((text, index) => ({
          object: 'embedding',
          index,
          embedding: asBase64 ? base64Floats(fakeEmbedding(text)) : fakeEmbedding(text),
        }))
        .reverse(),
      model: body.model,
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    });
  });
}
