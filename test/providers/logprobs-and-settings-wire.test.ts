import { ConfigError } from '../../src/errors';
import { createOllamaProvider } from '../../src/providers/ollama/ollama-provider';
import { createOpenAICompatibleProvider } from '../../src/providers/openai-compatible/openai-compatible-provider';
import type { GenerationSettings } from '../../src/providers/provider';
import { startFakeOllamaServer, type FakeOllamaOptions } from '../fakes/fake-ollama-server';
import { startFakeOpenAIServer, type OpenAIFlavour } from '../fakes/fake-openai-server';
import type { RunningFakeServer } from '../fakes/fake-http-server';
import { requestFor } from './request-fixture';

/** The first token's alternatives of a 4-option question: " 2" and "2" are one label; "3" is beyond a top-3. */
const ALTERNATIVES = [
  { token: ' 2', logprob: -0.4 },
  { token: '2', logprob: -1.9 },
  { token: ' The', logprob: -2.3 },
  { token: '1', logprob: -3.5 },
  { token: '3', logprob: -6 },
];

const SETTINGS: GenerationSettings = {
  temperature: 0,
  maxTokens: 1,
  topP: 0.9,
  topK: 40,
  presencePenalty: 0.5,
  frequencyPenalty: -0.25,
  extraBody: { guided_choice: ['0', '1', '2', '3'], response_format: { type: 'text' } },
  topLogprobs: 3,
};

describe.each<OpenAIFlavour>(['vllm', 'llama-server'])('openai-compatible against the %s fake (real openai client)', (flavour) => {
  let server: RunningFakeServer;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({
      flavour,
      alternatives: () => ALTERNATIVES,
      reasoning: (prompt) => (prompt.includes('think') ? 'let me think' : undefined),
    });
  });
  afterAll(() => server.close());
  const provider = (api: 'chat' | 'completions') =>
    createOpenAICompatibleProvider({ baseURL: `${server.url}/v1`, model: 'fake-model', api });

  it('sends the sampling settings and the extra body as given, and asks chat for top_logprobs', async () => {
    const response = await provider('chat').generate(requestFor('Which one? 0. a 1. b', { settings: SETTINGS }));
    expect(server.log.calls.at(-1)?.body).toMatchObject({
      top_p: 0.9,
      top_k: 40,
      presence_penalty: 0.5,
      frequency_penalty: -0.25,
      max_tokens: 1,
      guided_choice: ['0', '1', '2', '3'],
      response_format: { type: 'text' },
      logprobs: true,
      top_logprobs: 3,
    });
    expect(response.text).toBe(' 2');
    expect(response.firstTokenLogprobs).toEqual(ALTERNATIVES.slice(0, 3));
  });

  it('asks completions for logprobs: k and reads the shape this server sends', async () => {
    const response = await provider('completions').generate(requestFor('Which one?', { settings: SETTINGS }));
    expect(server.log.calls.at(-1)?.body).toMatchObject({ logprobs: 3, top_p: 0.9, top_k: 40 });
    expect(response.firstTokenLogprobs).toEqual(ALTERNATIVES.slice(0, 3));
  });

  it('sends none of the optional fields when none is set, and reads the reasoning the server splits off', async () => {
    const response = await provider('chat').generate(requestFor('think about it', { settings: { temperature: 0 } }));
    const body = server.log.calls.at(-1)?.body ?? {};
    for (const key of ['top_p', 'top_k', 'presence_penalty', 'frequency_penalty', 'logprobs', 'top_logprobs'])
      expect(body).not.toHaveProperty(key);
    expect(response.firstTokenLogprobs).toBeUndefined();
    expect(response.reasoning).toBe('let me think');
  });
});

describe('a server that ignores logprobs', () => {
  it('is an error naming the missing field, not an answer with probability zero for every label', async () => {
    const server = await startFakeOpenAIServer({});
    try {
      // the fake omits logprobs when the request does not carry `logprobs: true`: strip it on the way, as some gateways do
      const dropping: typeof fetch = (input, init) => {
        const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
        delete body['logprobs'];
        return fetch(input, { ...init, body: JSON.stringify(body) });
      };
      const provider = createOpenAICompatibleProvider({ baseURL: `${server.url}/v1`, model: 'fake-model', fetch: dropping });
      await expect(provider.generate(requestFor('x', { settings: SETTINGS }))).rejects.toMatchObject({
        kind: 'invalid-response',
        isRetryable: false,
        message: expect.stringContaining('no choices[0].logprobs.content'),
      });
    } finally {
      await server.close();
    }
  });
});

describe('ollama (real ollama client against the fake)', () => {
  let server: RunningFakeServer;
  beforeAll(async () => {
    server = await startFakeOllamaServer({ alternatives: () => ALTERNATIVES, thinking: () => 'hmm' });
  });
  afterAll(() => server.close());
  const provider = (api: 'chat' | 'generate', needsLogprobs = true) =>
    createOllamaProvider({ host: server.url, model: 'fake-model', api, needsLogprobs });

  it.each<['chat' | 'generate']>([['chat'], ['generate']])(
    '/api/%s: settings under their options names, extra body and logprobs at the top level',
    async (api) => {
      const response = await provider(api).generate(requestFor('Which one?', { settings: SETTINGS }));
      const body = server.log.calls.at(-1)?.body ?? {};
      expect(body['options']).toEqual({
        temperature: 0,
        num_predict: 1,
        top_p: 0.9,
        top_k: 40,
        presence_penalty: 0.5,
        frequency_penalty: -0.25,
      });
      expect(body).toMatchObject({
        logprobs: true,
        top_logprobs: 3,
        guided_choice: ['0', '1', '2', '3'],
        response_format: { type: 'text' },
        stream: false,
      });
      expect(response.firstTokenLogprobs).toEqual(ALTERNATIVES.slice(0, 3));
      expect(response.reasoning).toBe('hmm');
    },
  );

  it('checks /api/version at the probe: 0.12.11 passes, older or silent servers fail before any item', async () => {
    await expect(provider('chat').probe?.({ timeoutMs: 5000 })).resolves.toMatchObject({ identity: { server: 'ollama' } });
    server.reconfigure({ version: '0.12.10' } as Partial<FakeOllamaOptions>);
    await expect(provider('chat').probe?.({ timeoutMs: 5000 })).rejects.toThrow(ConfigError);
    await expect(provider('chat').probe?.({ timeoutMs: 5000 })).rejects.toThrow(
      /runs Ollama 0\.12\.10, which has no log-probabilities \(added in 0\.12\.11\)/,
    );
    server.reconfigure({ version: null } as Partial<FakeOllamaOptions>);
    await expect(provider('chat').probe?.({ timeoutMs: 5000 })).rejects.toThrow(/did not answer \/api\/version/);
    // generate mode never asks
    await expect(provider('chat', false).probe?.({ timeoutMs: 5000 })).resolves.toMatchObject({ identity: { server: 'ollama' } });
    server.reconfigure({ version: 'v0.13.1' } as Partial<FakeOllamaOptions>);
    await expect(provider('chat').probe?.({ timeoutMs: 5000 })).resolves.toBeDefined();
    expect(server.log.calls).toHaveLength(2); // only the two generations above: the probes sent no item
  });
});
