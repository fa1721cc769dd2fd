import type { Origin } from './connection-pool';

/** Where one request goes: its origin's pool, the request-target of the request line and the Host header. */
export interface RequestTarget {
  readonly originKey: string;
  readonly origin: Origin;
  readonly path: string;
  readonly host: string;
  readonly href: string;
  /** https: such a request goes through Node's own fetch (TLS, certificates, proxies' redirects), not our sockets. */
  readonly secure: boolean;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What node:http refuses in a header value (it is sent as latin1). */
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** Headers the connection itself owns: a caller's value would desynchronise the stream. */
const OWN_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** The target of a URL; an unsupported scheme fails as fetch fails. */
export function requestTarget(urlText: string): RequestTarget {
  const url = new URL(urlText);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError('fetch failed', { cause: new Error(`unsupported scheme ${url.protocol}`) });
  const secure = url.protocol === 'https:';
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? (secure ? 443 : 80) : Number(url.port);
  return {
    originKey: `${url.protocol}//${url.host}`,
    origin: { hostname, port },
    path: `${url.pathname}${url.search}`,
    host: url.host,
    href: url.href,
    secure,
  };
}

/** The request line and header block, ending in the empty line; header names and values checked as fetch checks them. */
export function requestHead(
  method: string,
  target: RequestTarget,
  headers: RequestInit['headers'],
  body: string | Uint8Array | undefined,
): string {
  if (!TOKEN.test(method)) throw new TypeError(`invalid method ${JSON.stringify(method)}`);
  let head = `${method} ${target.path} HTTP/1.1\r\nhost: ${target.host}\r\nconnection: keep-alive\r\n`;
  const add = (name: string, value: string): void => {
    const lower = name.toLowerCase();
    if (!TOKEN.test(name)) throw new TypeError(`invalid header name ${JSON.stringify(name)}`);
    if (BAD_VALUE.test(value)) throw new TypeError(`invalid value for header ${name}`);
    if (!OWN_HEADERS.has(lower)) head += `${lower}: ${value.trim()}\r\n`;
  };
  if (headers instanceof Headers) headers.forEach((value, name) => add(name, value));
  else if (Array.isArray(headers)) for (const [name, value] of headers) add(String(name), String(value));
  else if (headers !== undefined)
    for (const [name, value] of Object.entries(headers)) add(name, typeof value === 'string' ? value : String(value));
  const length =
    body === undefined
      ? METHODS_WITH_BODY.has(method)
        ? 0
        : undefined
      : typeof body === 'string'
        ? Buffer.byteLength(body)
        : body.byteLength;
  if (length !== undefined) head += `content-length: ${length}\r\n`;
  return `${head}\r\n`;
}
