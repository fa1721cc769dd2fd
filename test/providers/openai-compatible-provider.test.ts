import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { unusedPort, type RunningFakeServer } from '../fakes/fake-http-server';
import { ProviderError } from '../../src/errors';
import { createNodeHttpFetch } from '../../src/providers/http/node-http-fetch';
import {
  createOpenAICompatibleProvider,
  type OpenAICompatibleSettings,
} from '../../src/providers/openai-compatible/openai-compatible-provider';
import { ProviderCallError } from '../../src/providers/provider-call-error';
import { timeoutMiddleware } from '../../src/providers/middleware/timeout-middleware';
import type { Fault } from '../fakes/fault-plan';
import { requestFor } from './request-fixture';

/** Every behaviour holds with Node's fetch (the library default) and with the lean fetch the CLI hands the client. */
const FETCHES: [string, typeof fetch | undefined][] = [
  ['Node fetch', undefined],
  ['our HTTP/1.1 fetch', createNodeHttpFetch({ maxSockets: 4 })],
];

describe.each(FETCHES)('openai-compatible provider (real openai client against the fake, %s)', (_name, fetch) => {
  const create = (settings: OpenAICompatibleSettings) =>
    createOpenAICompatibleProvider({ ...settings, ...(fetch === undefined ? {} : { fetch }) });
  let server: RunningFakeServer;
  let nextFault: Fault | undefined;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ answer: (prompt) => `echo: ${prompt}`, faults: () => nextFault, slowMs: 2000, retryAfter: '3' });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    nextFault = undefined;
  });
  const provider = (api: 'chat' | 'completions' = 'chat') => create({ baseURL: `${server.url}/v1`, model: 'fake-model', api });

  it('answers through chat completions with system prompt, settings and usage', async () => {
    const response = await provider().generate(
      requestFor('Which one?', { system: 'Be brief.', settings: { temperature: 0, maxTokens: 5, stop: ['\n'], seed: 7 } }),
    );
    expect(response.text).toBe('echo: Which one?');
    expect(response.usage).toEqual({ promptTokens: 2, completionTokens: 3 });
    const call = server.log.calls.at(-1);
    expect(call?.system).toBe('Be brief.');
    expect(call?.body).toMatchObject({ model: 'fake-model', temperature: 0, max_tokens: 5, stop: ['\n'], seed: 7 });
  });

  it('uses plain completions on request, system prompt prepended', async () => {
    const response = await provider('completions').generate(requestFor('Q?', { system: 'S. ' }));
    expect(response.text).toBe('echo: S. Q?');
    expect(server.log.calls.at(-1)?.path).toBe('/v1/completions');
  });

  it('sends a placeholder key, not an empty one, when none is given', async () => {
    await provider().generate(requestFor('x'));
    expect(server.log.headers.at(-1)?.authorization).toBe('Bearer shopeval-no-key');
  });

  it("reads the stable facts of the /v1/models entry as the identity, never `created` or vLLM's permission ids", async () => {
    const identity = {
      server: 'vllm',
      strength: 'metadata',
      facts: { id: 'fake-model', root: '/models/fake-model', parent: null, max_model_len: 4096 },
    };
    expect(await provider().probe?.({ timeoutMs: 5000 })).toEqual({ identity });
    server.reconfigure({ clock: () => Date.now() + 5000 }); // vLLM's `created` is the time of each request: a later one
    expect(await provider().probe?.({ timeoutMs: 5000 })).toEqual({ identity });
    server.reconfigure({ clock: Date.now });
    const other = create({ baseURL: `${server.url}/v1`, model: 'absent' });
    expect(await other.probe?.({ timeoutMs: 5000 })).toEqual({
      identity: { server: 'openai-compatible', strength: 'name-only', facts: { id: 'absent' } },
      unlistedAmong: ['fake-model'],
    });
  });

  it.each<[Fault, Partial<ProviderCallError>]>([
    ['http-500', { kind: 'http', status: 500, isRetryable: true }],
    ['http-429', { kind: 'http', status: 429, isRetryable: true, retryAfterMs: 3000 }],
    ['drop', { kind: 'connection', isRetryable: true }],
    ['malformed-json', { kind: 'invalid-response', isRetryable: true }],
  ])('classifies a %s at the point of failure', async (fault, expected) => {
    nextFault = fault;
    const error = await provider()
      .generate(requestFor('x'))
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error).toMatchObject(expected);
  });

  it('classifies a refused connection as a retryable connection error', async () => {
    const dead = create({ baseURL: `http://127.0.0.1:${await unusedPort()}/v1`, model: 'fake-model' });
    const error = await dead.generate(requestFor('x')).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ kind: 'connection', isRetryable: true });
  });

  it('turns a slow answer into a retryable timeout', async () => {
    nextFault = 'slow';
    const error = await timeoutMiddleware(provider(), 100)
      .generate(requestFor('x'))
      .catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ kind: 'timeout', isRetryable: true });
  });

  it('does not retry a 4xx other than 408/409/429', async () => {
    const missing = create({ baseURL: `${server.url}/nowhere`, model: 'fake-model' });
    const error = await missing.generate(requestFor('x')).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ kind: 'http', status: 404, isRetryable: false });
  });

  it('takes a 200 without the content field as a malformed answer, retryable like a 5xx (chat and completions)', async () => {
    for (const api of ['chat', 'completions'] as const) {
      nextFault = 'missing-content';
      const error = await provider(api)
        .generate(requestFor('broken gateway'))
        .catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ kind: 'invalid-response', isRetryable: true });
      expect((error as ProviderCallError).describe()).toMatch(/without choices\[0\](\.message)?\.(content|text)/);
    }
  });

  it('takes a well-formed 200 with message.content null as an empty output, without retrying', async () => {
    nextFault = 'null-content';
    const calls = server.log.calls.length;
    await expect(provider().generate(requestFor('think hard'))).resolves.toMatchObject({ text: '', nullContent: true });
    nextFault = 'null-content';
    await expect(provider('completions').generate(requestFor('think hard'))).resolves.toMatchObject({ text: '' });
    expect(server.log.calls.length).toBe(calls + 2);
  });

  it('redacts the configured key from an error body that echoes the Authorization header', async () => {
    const key = 'sk-echo-DISTINCT-1234abcd';
    const masked = key.slice(0, Math.ceil(key.length / 2)); // what a gateway echoes as `sk-echo-DIS***`
    for (const api of ['chat', 'completions'] as const) {
      const keyed = create({ baseURL: `${server.url}/v1`, model: 'fake-model', apiKey: key, api });
      for (const fault of ['http-401-echo', 'http-500-echo', 'http-401-echo-masked'] as const) {
        nextFault = fault;
        const error = (await keyed.generate(requestFor('x')).catch((thrown: unknown) => thrown)) as ProviderCallError;
        expect(error.describe()).toMatch(/authorization header was Bearer \[redacted\]/);
        expect(`${error.describe()} ${error.message} ${error.stack ?? ''}`).not.toContain(masked);
      }
    }
  });
});

describe.each(FETCHES)('openai-compatible probe of /v1/models (%s)', (_name, fetch) => {
  const create = (settings: OpenAICompatibleSettings) =>
    createOpenAICompatibleProvider({ ...settings, ...(fetch === undefined ? {} : { fetch }) });
  it('gives up after the timeout on a server that accepts and never answers', async () => {
    const silent = await startFakeOpenAIServer({ silentRoutes: ['GET /v1/models'] });
    try {
      const model = create({ baseURL: `${silent.url}/v1`, model: 'fake-model' });
      const started = Date.now();
      await expect(model.probe?.({ timeoutMs: 200 })).rejects.toThrow(
        /^cannot reach http:\/\/127\.0\.0\.1:\d+\/v1: start the server or fix --base-url \/ OPENAI_BASE_URL/,
      );
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await silent.close();
    }
  });

  it('fails fast on a dead endpoint with a ProviderError', async () => {
    const model = create({ baseURL: `http://127.0.0.1:${await unusedPort()}/v1`, model: 'fake-model' });
    const error = await model.probe?.({ timeoutMs: 5000 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toMatch(/cannot reach .*OPENAI_BASE_URL/);
  });

  it('names --api-key / OPENAI_API_KEY on 401 and 403, never the key itself', async () => {
    const key = 'sk-probe-DISTINCT-5678efgh';
    for (const status of [401, 403]) {
      const refusing = await startFakeOpenAIServer({ failingRoutes: { 'GET /v1/models': status } });
      try {
        const model = create({ baseURL: `${refusing.url}/v1`, model: 'fake-model', apiKey: key });
        const error = (await model.probe?.({ timeoutMs: 5000 }).catch((thrown: unknown) => thrown)) as ProviderError;
        expect(error).toBeInstanceOf(ProviderError);
        expect(error.message).toMatch(new RegExp(`http ${status}: .*--api-key or OPENAI_API_KEY`));
        expect(error.message).not.toContain(key);
      } finally {
        await refusing.close();
      }
    }
  });

  it('falls back to a name-only identity when the server has no /v1/models (404)', async () => {
    const bare = await startFakeOpenAIServer({ failingRoutes: { 'GET /v1/models': 404 } });
    try {
      expect(await create({ baseURL: `${bare.url}/v1`, model: 'fake-model' }).probe?.({ timeoutMs: 5000 })).toEqual({
        identity: { server: 'openai-compatible', strength: 'name-only', facts: { id: 'fake-model' } },
      });
    } finally {
      await bare.close();
    }
  });
});
