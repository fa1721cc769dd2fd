import { ConfigError } from '../../../src/errors';
import { createProvider } from '../../../src/providers/create-provider';
import { applyMiddleware, type MiddlewareStack } from '../../../src/providers/middleware/apply-middleware';
import { ProviderCallError } from '../../../src/providers/provider-call-error';
import { startFakeOllamaServer } from '../../fakes/fake-ollama-server';
import { startFakeOpenAIServer } from '../../fakes/fake-openai-server';
import { unusedPort, type RunningFakeServer } from '../../fakes/fake-http-server';
import { requestFor } from '../request-fixture';
import { waitFor } from '../../helpers/wait';

const FAST_RETRY = { maxAttempts: 8, initialDelayMs: 5, maxDelayMs: 40 };

async function poolOf(servers: readonly RunningFakeServer[], notes: string[] = [], concurrency = 2): Promise<MiddlewareStack> {
  const model = await createProvider({
    provider: 'openai-compatible',
    model: 'fake-model',
    baseURL: servers.map((server) => `${server.url}/v1`),
    environment: {},
    concurrency,
  });
  await model.probe?.({ timeoutMs: 2000 });
  return applyMiddleware(model, {
    concurrency,
    timeoutMs: 2000,
    retry: FAST_RETRY,
    reporter: (event) => {
      if (event.type === 'notice' || event.type === 'warning') notes.push(event.message);
    },
  });
}

function ask(stack: MiddlewareStack, count: number, from = 0): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, (_, index) =>
      stack.model.generate(requestFor(`question ${from + index}`)).then((response) => response.text),
    ),
  );
}

describe('replica pool (real openai client, fake vLLM replicas)', () => {
  const servers: RunningFakeServer[] = [];
  // a re-probe in flight when the pool closed is answered, not dropped: a dropped one would fail after this file ended,
  // and the openai client's error path, loaded then, makes jest set exit code 1 for the whole run
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close({ drain: true })));
  });

  it('sends more calls to the faster replica, at most --concurrency at once on each, and counts them per replica', async () => {
    const fast = await startFakeOpenAIServer({ latencyMs: 5 });
    const slow = await startFakeOpenAIServer({ latencyMs: 400 }); // far slower, so a loaded machine cannot blur the difference
    servers.push(fast, slow);
    const stack = await poolOf([fast, slow]);
    expect(stack.model.logprobs).toBe(true); // the pool keeps what its replicas can do (--mc-scoring logprobs)
    try {
      const answers = await ask(stack, 40);
      expect(answers).toEqual(Array.from({ length: 40 }, (_, index) => `question ${index}`));
      const [fastFigures, slowFigures] = stack.replicas?.() ?? [];
      expect(fastFigures?.endpoint).toBe(`${fast.url}/v1`);
      expect((fastFigures?.answered ?? 0) + (slowFigures?.answered ?? 0)).toBe(40);
      expect(fastFigures?.answered ?? 0).toBeGreaterThan(2 * (slowFigures?.answered ?? 0));
      expect(slowFigures?.answered ?? 0).toBeGreaterThanOrEqual(1); // the slow one still helps
      expect(slowFigures?.latency_ms.mean ?? 0).toBeGreaterThan(fastFigures?.latency_ms.mean ?? Infinity);
      expect(fast.log.calls.length).toBe(fastFigures?.requests);
      expect(slow.log.calls.length).toBe(slowFigures?.requests);
    } finally {
      stack.close();
    }
  });

  it('keeps each replica under its own concurrency limit and splits an even load evenly', async () => {
    const replicas = [await startFakeOpenAIServer({ latencyMs: 40 }), await startFakeOpenAIServer({ latencyMs: 40 })];
    servers.push(...replicas);
    const peak = [0, 0];
    replicas.forEach((server, index) =>
      server.reconfigure({
        // called as each call arrives: the calls seen (this one included) less those answered are in flight
        faults: (callNumber) => {
          const answered = [...server.log.answered.values()].reduce((sum, count) => sum + count, 0);
          peak[index] = Math.max(peak[index] ?? 0, callNumber - answered);
          return undefined;
        },
      }),
    );
    const stack = await poolOf(replicas, [], 3);
    try {
      await ask(stack, 30);
      const figures = stack.replicas?.() ?? [];
      expect(figures.map((entry) => entry.answered).reduce((a, b) => a + b, 0)).toBe(30);
      expect(peak).toEqual([3, 3]);
      expect(Math.abs((figures[0]?.answered ?? 0) - (figures[1]?.answered ?? 0))).toBeLessThanOrEqual(6);
    } finally {
      stack.close();
    }
  });

  it('takes out a replica that dies, retries its calls on the other, and puts it back when it answers again', async () => {
    const steady = await startFakeOpenAIServer({ latencyMs: 10 });
    let flaky = await startFakeOpenAIServer({ latencyMs: 10 });
    const port = flaky.port;
    servers.push(steady);
    const notes: string[] = [];
    const stack = await poolOf([steady, flaky], notes);
    try {
      expect(await ask(stack, 10)).toHaveLength(10);
      await flaky.close(); // killed: connections refused
      const during = await ask(stack, 20, 100);
      expect(during).toEqual(Array.from({ length: 20 }, (_, index) => `question ${100 + index}`)); // none lost
      expect(notes.some((note) => note.includes(`replica http://127.0.0.1:${port}/v1`) && note.includes('taken out'))).toBe(true);
      flaky = await startFakeOpenAIServer({ latencyMs: 10, port }); // back at the same address
      servers.push(flaky);
      const deadline = Date.now() + 10_000;
      while (!notes.some((note) => note.includes('back in the pool')) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(notes.some((note) => note.includes('back in the pool'))).toBe(true);
      await ask(stack, 20, 200);
      expect(flaky.log.calls.length).toBeGreaterThan(0); // it serves again
      const figures = stack.replicas?.()[1];
      expect(figures?.ejections).toBe(1);
      expect(figures?.errors ?? 0).toBeGreaterThanOrEqual(1);
    } finally {
      stack.close();
    }
  });

  it('keeps out a replica that comes back serving another checkpoint', async () => {
    const steady = await startFakeOpenAIServer({ weightsPath: '/models/lora-r16' });
    const flaky = await startFakeOpenAIServer({ weightsPath: '/models/lora-r16' });
    servers.push(steady);
    const notes: string[] = [];
    const stack = await poolOf([steady, flaky], notes);
    try {
      await flaky.close();
      await ask(stack, 12);
      const swapped = await startFakeOpenAIServer({ weightsPath: '/models/lora-r32', port: flaky.port });
      servers.push(swapped);
      await new Promise((resolve) => setTimeout(resolve, 400)); // several re-probes at the test's short backoff
      await ask(stack, 12, 50);
      expect(swapped.log.calls).toHaveLength(0);
      expect(notes.some((note) => note.includes('back in the pool'))).toBe(false);
      expect(
        notes.filter((note) =>
          note.includes(
            `replica http://127.0.0.1:${flaky.port}/v1 now serves another checkpoint (root: "/models/lora-r16" vs "/models/lora-r32")`,
          ),
        ),
      ).toHaveLength(1);
    } finally {
      stack.close();
    }
  });

  it('fails a call at once as a connection error when no replica is left', async () => {
    const one = await startFakeOpenAIServer();
    const two = await startFakeOpenAIServer();
    const stack = await poolOf([one, two]);
    try {
      await one.close();
      await two.close();
      const failure = await stack.model.generate(requestFor('anyone?')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ProviderCallError);
      expect((failure as ProviderCallError).kind).toBe('connection');
      expect((failure as ProviderCallError).message).toMatch(/^no replica left: all 2 are out/);
    } finally {
      stack.close();
    }
  });

  it('refuses replicas serving different checkpoints, naming them and the differing facts', async () => {
    const good = await startFakeOpenAIServer({ weightsPath: '/models/lora-r16' });
    const other = await startFakeOpenAIServer({ weightsPath: '/models/lora-r32' });
    servers.push(good, other);
    const model = await createProvider({
      provider: 'openai-compatible',
      model: 'fake-model',
      baseURL: [`${good.url}/v1`, `${other.url}/v1`],
      environment: {},
    });
    const refusal = await model.probe?.({ timeoutMs: 2000 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConfigError);
    const message = (refusal as ConfigError).message;
    expect(message).toContain(`${other.url}/v1 differs from ${good.url}/v1`);
    expect(message).toContain('root: "/models/lora-r16" vs "/models/lora-r32"');
    expect(good.log.calls).toHaveLength(0); // nothing was generated
  });

  it('pools Ollama servers too (real ollama client): the same digest is served by both, another digest is refused', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const one = await startFakeOllamaServer({ digest, latencyMs: 5 });
    const two = await startFakeOllamaServer({ digest, latencyMs: 5 });
    const odd = await startFakeOllamaServer({ digest: `sha256:${'b'.repeat(64)}` });
    servers.push(one, two, odd);
    const pooled = await createProvider({ provider: 'ollama', model: 'fake-model:latest', baseURL: [one.url, two.url], environment: {} });
    const probe = await pooled.probe?.({ timeoutMs: 2000 });
    expect(probe?.identity?.facts['digest']).toBe(digest);
    const stack = applyMiddleware(pooled, { concurrency: 2, timeoutMs: 2000, retry: FAST_RETRY });
    try {
      expect(await ask(stack, 12)).toHaveLength(12);
      expect(one.log.calls.length).toBeGreaterThan(0);
      expect(two.log.calls.length).toBeGreaterThan(0);
    } finally {
      stack.close();
    }
    const mixed = await createProvider({ provider: 'ollama', model: 'fake-model:latest', baseURL: [one.url, odd.url], environment: {} });
    await expect(mixed.probe?.({ timeoutMs: 2000 })).rejects.toThrow(
      /do not serve the same checkpoint: .*differs from .*digest: "sha256:a+" vs "sha256:b+"/,
    );
  });

  it('fails the start probe naming a replica that cannot be reached', async () => {
    const alive = await startFakeOpenAIServer();
    servers.push(alive);
    const dead = `http://127.0.0.1:${await unusedPort()}/v1`;
    const model = await createProvider({
      provider: 'openai-compatible',
      model: 'fake-model',
      baseURL: [`${alive.url}/v1`, dead],
      environment: {},
    });
    await expect(model.probe?.({ timeoutMs: 2000 })).rejects.toThrow(`cannot reach ${dead}`);
    await waitFor(() => alive.log.headers.length > 0, 10_000); // the live replica's probe, still in flight: drained by afterEach
  });

  it('refuses the same --base-url given twice', async () => {
    await expect(
      createProvider({
        provider: 'openai-compatible',
        model: 'm',
        baseURL: ['http://127.0.0.1:1/v1', 'http://127.0.0.1:1/v1'],
        environment: {},
      }),
    ).rejects.toThrow(/given twice/);
  });
});
