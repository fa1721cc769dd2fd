/**
 * A lean `fetch` for the openai and ollama clients: one request over node:http(s) with a keep-alive agent sized to
 * the run's concurrency, the body read whole (neither client streams here). It answers as Node's fetch does where our
 * error classification looks: an abort rejects with an AbortError, a refused or reset connection with
 * `TypeError('fetch failed')` whose cause is the socket error; a reply is a LeanResponse.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { LeanResponse } from './lean-response';

export interface NodeHttpFetchOptions {
  /** Sockets kept open per host: the run's concurrency, so no request waits for a socket or opens a new one. */
  readonly maxSockets: number;
}

/** Statuses whose Response must have a null body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function abortError(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers === undefined) return record;
  if (headers instanceof Headers) {
    headers.forEach((value, name) => (record[name] = value));
  } else if (Array.isArray(headers)) {
    for (const [name, value] of headers) if (name !== undefined && value !== undefined) record[name.toLowerCase()] = value;
  } else {
    for (const [name, value] of Object.entries(headers)) record[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ');
  }
  return record;
}

function requestBody(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  // FormData, streams, blobs: the clients never send these to the endpoints we call
  throw new TypeError('this fetch sends string or byte bodies only');
}

function toResponse(incoming: IncomingMessage, body: Buffer, url: string): Response {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index] ?? '', raw[index + 1] ?? '');
  const status = incoming.statusCode ?? 0;
  const response = new LeanResponse(status, incoming.statusMessage ?? '', headers, url, NULL_BODY_STATUSES.has(status) ? null : body);
  // the clients read only the Response members LeanResponse has
  return response as unknown as Response;
}

/** A fetch over node:http(s) with one keep-alive agent per protocol, owned by the returned function. */
export function createNodeHttpFetch(options: NodeHttpFetchOptions): typeof fetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets, scheduling: 'lifo' as const };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const signal = init.signal ?? undefined;
      if (signal?.aborted === true) {
        reject(abortError(signal));
        return;
      }
      const body = requestBody(init.body);
      const headers = headerRecord(init.headers);
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const secure = url.protocol === 'https:';
      const request = (secure ? httpsRequest : httpRequest)(url, {
        method: init.method ?? 'GET',
        headers,
        agent: secure ? httpsAgent : httpAgent,
      });
      const onAbort = () => request.destroy(abortError(signal as AbortSignal) as Error);
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      request.on('error', (error) => {
        settle();
        reject(signal?.aborted === true ? abortError(signal) : new TypeError('fetch failed', { cause: error }));
      });
      request.on('response', (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', (error) => {
          settle();
          reject(signal?.aborted === true ? abortError(signal) : new TypeError('fetch failed', { cause: error }));
        });
        incoming.on('end', () => {
          settle();
          resolve(toResponse(incoming, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), url.href));
        });
      });
      request.end(body);
    });
}
