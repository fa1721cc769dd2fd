import { gzipSync } from 'node:zlib';
import { createNodeHttpFetch } from '../../../src/providers/http/node-http-fetch';
import { okReply, startRawHttpServer, type RawHttpServer, type RawReply, type RawRequest } from './raw-http-server';

/** The HTTP/1.1 client under the openai and ollama clients, against a server that writes its bytes by hand. */
describe('createNodeHttpFetch (HTTP/1.1 over our own sockets)', () => {
  let server: RawHttpServer;
  let handler: (request: RawRequest) => RawReply = () => okReply('{}');
  beforeAll(async () => {
    server = await startRawHttpServer((request) => handler(request));
  });
  afterAll(() => server.close());
  const fetchOf = (maxSockets = 4) => createNodeHttpFetch({ maxSockets });
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('sends one request line, Host, the caller headers and a UTF-8 Content-Length, and reads a Content-Length body', async () => {
    handler = () => okReply('{"ok":true}', 'x-request-id: abc\r\n');
    const fetch = fetchOf();
    const body = JSON.stringify({ prompt: 'café ✓' });
    const response = await fetch(`${server.url}/v1/chat/completions?x=1`, {
      method: 'POST',
      headers: new Headers({ Authorization: 'Bearer k', 'Content-Type': 'application/json' }),
      body,
    });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-request-id')).toBe('abc');
    expect(await response.json()).toEqual({ ok: true });
    const sent = server.requests.at(-1);
    const lines = sent?.head.split('\r\n') ?? [];
    expect(lines[0]).toBe('POST /v1/chat/completions?x=1 HTTP/1.1');
    expect(lines).toContain(`host: ${new URL(server.url).host}`);
    expect(lines).toContain('authorization: Bearer k');
    expect(lines).toContain(`content-length: ${Buffer.byteLength(body)}`);
    expect(sent?.body.toString('utf8')).toBe(body);
  });

  it('keeps the connection alive between requests, and opens a new one after Connection: close', async () => {
    const fetch = fetchOf();
    handler = () => okReply('{}');
    const before = server.connections.opened;
    await (await fetch(`${server.url}/a`)).text();
    await (await fetch(`${server.url}/b`)).text();
    expect(server.connections.opened - before).toBe(1);
    handler = () => okReply('{}', 'connection: close\r\n');
    await (await fetch(`${server.url}/c`)).text();
    handler = () => okReply('{}');
    await (await fetch(`${server.url}/d`)).text();
    expect(server.connections.opened - before).toBe(2);
  });

  it('opens at most maxSockets connections; the other requests wait for one', async () => {
    const fetch = fetchOf(2);
    handler = () => ({ pieces: ['HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n', '{}'] });
    const peakBefore = server.connections.open;
    const replies = await Promise.all(Array.from({ length: 7 }, (_, index) => fetch(`${server.url}/n${index}`).then((r) => r.text())));
    expect(replies).toEqual(Array.from({ length: 7 }, () => '{}'));
    expect(server.connections.peak - peakBefore).toBeLessThanOrEqual(2);
  });

  it('decodes chunked bodies with chunk extensions and trailers, dribbled one byte at a time', async () => {
    const wire =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{"a"\r\n6\r\n:"bcd"\r\n1\r\n}\r\n0\r\nx-trailer: t\r\n\r\n';
    handler = () => ({ pieces: [...wire].map((char) => char) });
    const fetch = fetchOf();
    expect(await (await fetch(`${server.url}/chunked`)).json()).toEqual({ a: 'bcd' });
    handler = () => okReply('"next"'); // the stream stayed in step: the same socket answers the next request
    expect(await (await fetch(`${server.url}/after`)).json()).toBe('next');
  });

  it('skips an interim 100 Continue and reads a body that ends when an HTTP/1.0 server closes', async () => {
    handler = () => ({
      pieces: ['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\ncontent-type: text/plain\r\n\r\nuntil ', 'close'],
      close: true,
    });
    const response = await fetchOf()(`${server.url}/old`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('until close');
  });

  it('gives 204 and HEAD answers no body, and keeps reading the next response on the socket', async () => {
    const fetch = fetchOf(1);
    handler = () => ({ pieces: ['HTTP/1.1 204 No Content\r\n\r\n'] });
    const empty = await fetch(`${server.url}/none`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    handler = () => ({ pieces: ['HTTP/1.1 200 OK\r\ncontent-length: 50\r\n\r\n'] });
    expect((await fetch(`${server.url}/head`, { method: 'HEAD' })).status).toBe(200);
    handler = () => okReply('"third"');
    expect(await (await fetch(`${server.url}/third`)).json()).toBe('third');
  });

  it('undoes gzip content coding as fetch does', async () => {
    const packed = gzipSync(Buffer.from('{"zipped":1}'));
    handler = () => ({
      pieces: [
        Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: ${packed.length}\r\n\r\n`), packed]),
      ],
    });
    expect(await (await fetchOf()(`${server.url}/gz`)).json()).toEqual({ zipped: 1 });
  });

  it('hands error statuses back as responses with their body', async () => {
    handler = () => ({ pieces: ['HTTP/1.1 503 Service Unavailable\r\nretry-after: 3\r\ncontent-length: 7\r\n\r\nloading'] });
    const response = await fetchOf()(`${server.url}/busy`);
    expect([response.status, response.statusText, response.ok, response.headers.get('retry-after')]).toEqual([
      503,
      'Service Unavailable',
      false,
      '3',
    ]);
    expect(await response.text()).toBe('loading');
  });

  it("rejects with TypeError('fetch failed') when the body is cut short or the stream is not HTTP", async () => {
    handler = () => ({ pieces: ['HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nshort'], close: true });
    await expect(fetchOf()(`${server.url}/cut`)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    handler = () => ({ pieces: ['SSH-2.0-OpenSSH\r\n\r\n'] });
    await expect(fetchOf()(`${server.url}/garbage`)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    handler = () => ({ pieces: ['HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\nab'] });
    await expect(fetchOf()(`${server.url}/smuggle`)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });

  it('rejects a refused connection with the socket error as cause', async () => {
    const closed = await startRawHttpServer(() => okReply('{}'));
    await closed.close();
    const failure: unknown = await fetchOf()(`${closed.url}/x`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError & { cause: { code?: string } }).cause.code).toBe('ECONNREFUSED');
  });

  it('aborts a request in flight with the signal reason and does not reuse its socket', async () => {
    handler = () => ({ pieces: [], hold: true });
    const fetch = fetchOf(1);
    const controller = new AbortController();
    const pending = fetch(`${server.url}/hold`, { signal: controller.signal });
    await pause(20);
    const closedBefore = server.connections.closed;
    controller.abort(new Error('stopped by test'));
    await expect(pending).rejects.toThrow('stopped by test');
    await pause(20);
    expect(server.connections.closed).toBe(closedBefore + 1);
    handler = () => okReply('"fresh"'); // the one slot was freed: the next request gets a new socket
    expect(await (await fetch(`${server.url}/fresh`)).json()).toBe('fresh');
  });

  it('aborts a request still waiting for a socket, and one whose signal is already aborted', async () => {
    handler = () => ({ pieces: ['HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n', '{}'] });
    const fetch = fetchOf(1);
    const first = fetch(`${server.url}/first`);
    const controller = new AbortController();
    const queued = fetch(`${server.url}/queued`, { signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    expect(await (await first).text()).toBe('{}');
    await expect(fetch(`${server.url}/late`, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests.some((request) => request.head.startsWith('GET /queued') || request.head.startsWith('GET /late'))).toBe(false);
  });

  it('drops an idle socket the server closed and answers the next request on a new one', async () => {
    handler = () => ({ ...okReply('"one"'), close: true }); // closes without saying so in the headers
    const fetch = fetchOf(1);
    expect(await (await fetch(`${server.url}/one`)).json()).toBe('one');
    await pause(30);
    handler = () => okReply('"two"');
    expect(await (await fetch(`${server.url}/two`)).json()).toBe('two');
  });

  it('refuses header values that would split the request, before sending anything', async () => {
    const count = server.requests.length;
    await expect(fetchOf()(`${server.url}/x`, { headers: { 'x-evil': 'a\r\nx-injected: 1' } })).rejects.toThrow(TypeError);
    await expect(fetchOf()('ftp://127.0.0.1/x')).rejects.toThrow('fetch failed');
    expect(server.requests.length).toBe(count);
  });

  it('follows a redirect as fetch does: the request is sent again, body and all, to the new location', async () => {
    handler = (request) =>
      request.head.startsWith('POST /old')
        ? { pieces: [`HTTP/1.1 307 Temporary Redirect\r\nlocation: ${server.url}/new\r\ncontent-length: 0\r\n\r\n`] }
        : okReply(JSON.stringify(request.body.toString()));
    const answer = await fetchOf()(`${server.url}/old`, {
      method: 'POST',
      body: '{"q":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toBe('{"q":1}');
    expect(server.requests.filter((request) => request.head.startsWith('POST /new')).length).toBeGreaterThan(0);
  });

  it("sends https through Node's own fetch (TLS and certificate checks), never over a plain socket", async () => {
    const nodeFetch = jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('{"hosted":true}'));
    try {
      const answer = await fetchOf()('https://api.example.test/v1/models', { headers: { authorization: 'Bearer k' } });
      expect(await answer.json()).toEqual({ hosted: true });
      expect(nodeFetch).toHaveBeenCalledWith('https://api.example.test/v1/models', { headers: { authorization: 'Bearer k' } });
    } finally {
      nodeFetch.mockRestore();
    }
  });
});
