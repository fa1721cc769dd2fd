import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import type { RunningFakeServer } from '../fakes/fake-http-server';
import { createOpenAICompatibleProvider } from '../../src/providers/openai-compatible/openai-compatible-provider';
import { ProviderCallError } from '../../src/providers/provider-call-error';
import { timeoutMiddleware } from '../../src/providers/middleware/timeout-middleware';
import type { Fault } from '../fakes/fault-plan';
import { requestFor } from './request-fixture';

describe('openai-compatible provider (real openai client against the fake)', () => {
  let server: RunningFakeServer;
  let nextFault: Fault | undefined;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ answer: (prompt) => `echo: ${prompt}`, faults: () => nextFault, slowMs: 2000, retryAfter: '3' });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    nextFault = undefined;
  });
  const provider = (api: 'chat' | 'completions' = 'chat') =>
    createOpenAICompatibleProvider({ baseURL: `${server.url}/v1`, model: 'fake-model', api });

  it('answers through chat completions with system prompt, settings and usage', async () => {
    const response = await provider().generate(requestFor('Which one?', { system: 'Be brief.', settings: { temperature: 0, maxTokens: 5, stop: ['\n'], seed: 7 } }));
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

  it('reads the /v1/models entry as the fingerprint', async () => {
    expect(await provider().fingerprint?.()).toEqual({ id: 'fake-model', created: 1_717_000_000, owned_by: 'vllm', root: '/models/fake-model', parent: null, max_model_len: 4096 });
    const other = createOpenAICompatibleProvider({ baseURL: `${server.url}/v1`, model: 'absent' });
    expect(await other.fingerprint?.()).toEqual({ id: 'absent', listed: false });
  });

  it.each<[Fault, Partial<ProviderCallError>]>([
    ['http-500', { kind: 'http', status: 500, isRetryable: true }],
    ['http-429', { kind: 'http', status: 429, isRetryable: true, retryAfterMs: 3000 }],
    ['drop', { kind: 'connection', isRetryable: true }],
    ['malformed-json', { kind: 'invalid-response', isRetryable: true }],
  ])('classifies a %s at the point of failure', async (fault, expected) => {
    nextFault = fault;
    const error = await provider().generate(requestFor('x')).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error).toMatchObject(expected);
  });

  it('turns a slow answer into a retryable timeout', async () => {
    nextFault = 'slow';
    const error = await timeoutMiddleware(provider(), 100).generate(requestFor('x')).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ kind: 'timeout', isRetryable: true });
  });

  it('does not retry a 4xx other than 408/409/429', async () => {
    const missing = createOpenAICompatibleProvider({ baseURL: `${server.url}/nowhere`, model: 'fake-model' });
    const error = await missing.generate(requestFor('x')).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ kind: 'http', status: 404, isRetryable: false });
  });
});
