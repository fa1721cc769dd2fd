import { FAKE_OLLAMA_DIGEST, startFakeOllamaServer } from '../fakes/fake-ollama-server';
import { unusedPort, type RunningFakeServer } from '../fakes/fake-http-server';
import { ProviderError } from '../../src/errors';
import type { Fault } from '../fakes/fault-plan';
import { createNodeHttpFetch } from '../../src/providers/http/node-http-fetch';
import { createOllamaProvider, type OllamaSettings } from '../../src/providers/ollama/ollama-provider';
import { timeoutMiddleware } from '../../src/providers/middleware/timeout-middleware';
import { requestFor } from './request-fixture';

/** Every behaviour holds with Node's fetch (the library default) and with the lean fetch the CLI hands the client. */
const FETCHES: [string, typeof fetch | undefined][] = [
  ['Node fetch', undefined],
  ['our HTTP/1.1 fetch', createNodeHttpFetch({ maxSockets: 4 })],
];

describe.each(FETCHES)('ollama provider (real ollama client against the fake, %s)', (_name, fetch) => {
  const create = (settings: OllamaSettings) => createOllamaProvider({ ...settings, ...(fetch === undefined ? {} : { fetch }) });
  let server: RunningFakeServer;
  let nextFault: Fault | undefined;
  beforeAll(async () => {
    server = await startFakeOllamaServer({ answer: (prompt) => `echo: ${prompt}`, faults: () => nextFault, slowMs: 2000, retryAfter: '2' });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    nextFault = undefined;
  });
  const provider = (api: 'chat' | 'generate' = 'chat') => create({ host: server.url, model: 'fake-model', api });

  it('answers through /api/chat with options mapped to Ollama names', async () => {
    const response = await provider().generate(
      requestFor('Which?', { system: 'Sys', settings: { temperature: 0, maxTokens: 3, stop: ['\n'], seed: 1 } }),
    );
    expect(response.text).toBe('echo: Which?');
    expect(response.usage).toEqual({ promptTokens: 6, completionTokens: 12 });
    expect(server.log.calls.at(-1)?.body).toMatchObject({
      stream: false,
      options: { temperature: 0, num_predict: 3, stop: ['\n'], seed: 1 },
    });
    expect(server.log.calls.at(-1)?.system).toBe('Sys');
  });

  it('answers through /api/generate on request', async () => {
    const response = await provider('generate').generate(requestFor('P', { system: 'S' }));
    expect(response.text).toBe('echo: P');
    expect(server.log.calls.at(-1)?.path).toBe('/api/generate');
    expect(server.log.calls.at(-1)?.system).toBe('S');
  });

  it('reads the digest from /api/tags and details from /api/show', async () => {
    const probe = await provider().probe?.({ timeoutMs: 5000 });
    expect(probe?.identity).toEqual({
      server: 'ollama',
      strength: 'content-digest',
      facts: {
        name: 'fake-model:latest',
        digest: FAKE_OLLAMA_DIGEST,
        size: 4_661_224_676,
        family: 'llama',
        parameter_size: '8.0B',
        quantization_level: 'Q4_0',
      },
    });
    expect(probe?.unlistedAmong).toBeUndefined();
  });

  it.each<[Fault, Record<string, unknown>]>([
    ['http-500', { kind: 'http', status: 500, isRetryable: true, message: 'injected server error' }],
    ['http-429', { kind: 'http', status: 429, isRetryable: true, retryAfterMs: 2000 }],
    ['drop', { kind: 'connection', isRetryable: true }],
    ['malformed-json', { kind: 'invalid-response', isRetryable: true }],
  ])('classifies a %s', async (fault, expected) => {
    nextFault = fault;
    await expect(provider().generate(requestFor('x'))).rejects.toMatchObject(expected);
  });

  it('enforces our timeout (the client has none)', async () => {
    nextFault = 'slow';
    const started = Date.now();
    await expect(timeoutMiddleware(provider(), 100).generate(requestFor('x'))).rejects.toMatchObject({
      kind: 'timeout',
      isRetryable: true,
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('does not retry a 404 (unknown endpoint)', async () => {
    const wrong = create({ host: `${server.url}/nowhere`, model: 'fake-model' });
    await expect(wrong.generate(requestFor('x'))).rejects.toMatchObject({ kind: 'http', status: 404, isRetryable: false });
  });

  it("takes a thinking model's empty answer as an empty output", async () => {
    nextFault = 'null-content';
    await expect(provider().generate(requestFor('think'))).resolves.toMatchObject({ text: '' });
    nextFault = 'null-content';
    await expect(provider('generate').generate(requestFor('think'))).resolves.toMatchObject({ text: '' });
  });

  it('takes a 200 without message.content or response as malformed, retryable like a 5xx', async () => {
    for (const api of ['chat', 'generate'] as const) {
      nextFault = 'missing-content';
      await expect(provider(api).generate(requestFor('broken'))).rejects.toMatchObject({ kind: 'invalid-response', isRetryable: true });
    }
  });

  it('reports the served models when the requested one is not listed', async () => {
    const other = create({ host: server.url, model: 'llama3:70b' });
    expect(await other.probe?.({ timeoutMs: 5000 })).toEqual({
      identity: { server: 'ollama', strength: 'name-only', facts: { id: 'llama3:70b' } },
      unlistedAmong: ['fake-model:latest'],
    });
  });
});

describe.each(FETCHES)('ollama probe of /api/tags (%s)', (_name, fetch) => {
  const create = (settings: OllamaSettings) => createOllamaProvider({ ...settings, ...(fetch === undefined ? {} : { fetch }) });
  it('gives up after the timeout on a server that accepts and never answers', async () => {
    const silent = await startFakeOllamaServer({ silentRoutes: ['GET /api/tags'] });
    try {
      const started = Date.now();
      const error = await create({ host: silent.url, model: 'fake-model' })
        .probe?.({ timeoutMs: 200 })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as Error).message).toMatch(
        /^cannot reach http:\/\/127\.0\.0\.1:\d+: start the server or fix --base-url \/ OLLAMA_HOST/,
      );
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await silent.close();
    }
  });

  it('fails fast on a dead endpoint', async () => {
    const error = await create({ host: `http://127.0.0.1:${await unusedPort()}`, model: 'fake-model' })
      .probe?.({ timeoutMs: 5000 })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/cannot reach .*OLLAMA_HOST/);
  });
});
