/**
 * A lean `fetch` for the openai and ollama clients: HTTP/1.1 over our own keep-alive sockets (node:net / node:tls), at
 * most `maxSockets` per origin, the request written in one piece and the response read whole (neither client streams
 * here). node:http's ClientRequest/IncomingMessage machinery cost four times a plain socket's CPU per request in the
 * runner's profile. It answers as Node's fetch does where our error classification looks: an abort rejects with an
 * AbortError, a refused or reset connection with `TypeError('fetch failed')` whose cause is the socket error; a reply
 * is a LeanResponse. Two kinds of request go to Node's own fetch instead, where per-request CPU does not matter and
 * correctness does: https (a hosted API: TLS and certificate checks, and its latency dwarfs our CPU) and a request whose
 * answer is a redirect (sent again through fetch, which follows it as the clients expect).
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { ConnectionPool } from './connection-pool';
import type { Http1Connection } from './http1-connection';
import type { ParsedResponse } from './http1-response-parser';
import { LeanResponse } from './lean-response';
import { requestHead, requestTarget, type RequestTarget } from './request-head';

export interface NodeHttpFetchOptions {
  /** Sockets kept open per origin: the run's concurrency, so no request waits for a socket or opens a new one. */
  readonly maxSockets: number;
}

/** Statuses whose Response must have a null body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
/** Parsed URLs kept per fetch: a run calls the same one or two URLs thousands of times. */
const MAX_TARGETS = 256;
/** Answers fetch follows (redirect: 'follow', its default and the clients'). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function abortError(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

function requestBody(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  // FormData, streams, blobs: the clients never send these to the endpoints we call
  throw new TypeError('this fetch sends string or byte bodies only');
}

/** Content codings fetch undoes; a server that compresses unasked is read the same way. */
function decoded(body: Buffer, coding: string | null): Buffer {
  switch (coding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      return body;
  }
}

function toResponse(parsed: ParsedResponse, url: string): Response {
  const headers = new Headers();
  const raw = parsed.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index] ?? '', raw[index + 1] ?? '');
  const body = NULL_BODY_STATUSES.has(parsed.status) ? null : decoded(parsed.body, headers.get('content-encoding'));
  // the clients read only the Response members LeanResponse has
  return new LeanResponse(parsed.status, parsed.statusText, headers, url, body) as unknown as Response;
}

/** A fetch over our own sockets, with one connection pool per origin, owned by the returned function. */
export function createNodeHttpFetch(options: NodeHttpFetchOptions): typeof fetch {
  const pools = new Map<string, ConnectionPool>();
  const targets = new Map<string, RequestTarget>();
  const targetOf = (urlText: string): RequestTarget => {
    let target = targets.get(urlText);
    if (target === undefined) {
      target = requestTarget(urlText);
      if (targets.size >= MAX_TARGETS) targets.clear();
      targets.set(urlText, target);
    }
    return target;
  };
  const poolFor = (target: RequestTarget): ConnectionPool => {
    let pool = pools.get(target.originKey);
    if (pool === undefined) {
      pool = new ConnectionPool(target.origin, Math.max(1, Math.floor(options.maxSockets)));
      pools.set(target.originKey, pool);
    }
    return pool;
  };
  return (input, init = {}) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted === true) return Promise.reject(abortError(signal));
    let target: RequestTarget;
    let head: string;
    const body = requestBody(init.body);
    const method = (init.method ?? 'GET').toUpperCase();
    try {
      target = targetOf(input instanceof Request ? input.url : String(input));
      if (target.secure) return globalThis.fetch(input, init);
      head = requestHead(method, target, init.headers, body);
    } catch (error) {
      return Promise.reject(error);
    }
    const pool = poolFor(target);
    return new Promise<Response>((resolve, reject) => {
      let connection: Http1Connection | undefined;
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = (): void => {
        if (!settle()) return;
        if (connection !== undefined) pool.discard(connection); // the server may still answer: the socket cannot be reused
        reject(abortError(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      void pool.acquire().then((acquired) => {
        if (settled) {
          pool.release(acquired); // aborted while it waited for a socket
          return;
        }
        connection = acquired;
        acquired.send(head, body, method === 'HEAD').then(
          (parsed) => {
            if (!settle()) return;
            pool.release(acquired);
            if (REDIRECT_STATUSES.has(parsed.status) && !(init.redirect === 'manual' || init.redirect === 'error')) {
              resolve(globalThis.fetch(input, init));
              return;
            }
            try {
              resolve(toResponse(parsed, target.href));
            } catch (error) {
              reject(new TypeError('fetch failed', { cause: error })); // a body that does not decode
            }
          },
          (error: unknown) => {
            if (!settle()) return;
            pool.discard(acquired);
            reject(new TypeError('fetch failed', { cause: error }));
          },
        );
      });
    });
  };
}
