import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunDirectoryError } from '../../src/errors';
import { runEvaluation, type RunEvaluationOptions } from '../../src/pipeline/run-evaluation';
import type { RunReporter } from '../../src/pipeline/run-event';
import { RunInterruptedError } from '../../src/pipeline/run-interrupted-error';
import type { RunningFakeServer } from '../fakes/fake-http-server';
import { startFakeOllamaServer } from '../fakes/fake-ollama-server';
import { startFakeOpenAIServer, type OpenAIFlavour } from '../fakes/fake-openai-server';
import { devSetAnswers, fakeRunOptions as fixtureRunOptions, notesInto, readItems, temporaryDirectory } from './run-fixtures';

/**
 * The fixtures' options with a generous timeout: these tests count cache hits, and on a loaded machine a 300 ms timeout
 * turned a slow answer or probe into a failure (91 or 0 hits instead of 92); no test here is about timeouts.
 */
const fakeRunOptions: typeof fixtureRunOptions = (out, overrides = {}) => fixtureRunOptions(out, { timeoutMs: 30_000, ...overrides });

const openai = (server: RunningFakeServer, model = 'fake-model') => ({
  provider: 'openai-compatible' as const,
  model,
  baseURL: `${server.url}/v1`,
  environment: {},
});

/** Another checkpoint: every answer differs from the lexical baseline's (as a retrained model's would). */
async function retrainedAnswers(): Promise<(prompt: string) => string> {
  const base = await devSetAnswers();
  return (prompt) => `retrained: ${base(prompt)}`;
}

/** Aborts the run once `count` items are answered in this invocation. */
function interruptAfter(count: number): { signal: AbortSignal; reporter: RunReporter } {
  const controller = new AbortController();
  let done = 0;
  return {
    signal: controller.signal,
    reporter: (event) => {
      if (event.type === 'item-end' && (done += 1) >= count) controller.abort();
    },
  };
}

function loggedOutputs(out: string): string[] {
  return readFileSync(join(out, 'responses.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { output: string }).output);
}

describe('checkpoint identity on servers whose /v1/models changes on every call (vLLM, llama-server)', () => {
  it.each<OpenAIFlavour>(['vllm', 'llama-server'])(
    '%s: an identical re-run hits the cache, and an interrupted run resumes with the same command',
    async (flavour) => {
      let later = 0; // seconds the server's clock is moved on, instead of waiting for `created` to change
      const server = await startFakeOpenAIServer({ flavour, answer: await devSetAnswers(), clock: () => Date.now() + later * 1000 });
      try {
        const cache = { directory: temporaryDirectory('vcache'), cacheOnly: false };
        const firstOut = temporaryDirectory('v1');
        const first = await runEvaluation(fakeRunOptions(firstOut, { provider: openai(server), cache }));
        const rerun = await runEvaluation(fakeRunOptions(firstOut, { provider: openai(server), cache }));
        expect(rerun.requested).toBe(0); // the probe re-checks logged answers; every item's answer still comes from the log
        expect(rerun.summary).toEqual(first.summary);
        later += 5; // `created` moves on
        const second = await runEvaluation(fakeRunOptions(temporaryDirectory('v2'), { provider: openai(server), cache }));
        expect(second.cache).toEqual({ hits: 92, misses: 0 });
        expect(second.summary).toEqual(first.summary);
        expect(second.manifest.identity).toEqual(first.manifest.identity);
        expect(JSON.stringify(second.manifest.identity)).not.toMatch(/created|modelperm/);

        const out = temporaryDirectory('vresume');
        const stop = interruptAfter(30);
        const options: RunEvaluationOptions = fakeRunOptions(out, {
          provider: openai(server),
          cache: { directory: temporaryDirectory('vcache2'), cacheOnly: false },
        });
        await expect(runEvaluation({ ...options, ...stop })).rejects.toBeInstanceOf(RunInterruptedError);
        later += 5;
        const resumed = await runEvaluation(options);
        expect(resumed.summary).toEqual(first.summary);
        expect(resumed.manifest.resumed_at).toHaveLength(1);
      } finally {
        await server.close();
      }
    },
    60_000,
  );

  it('llama-server: the identity holds the GGUF meta and /props; system_fingerprint is recorded per item; another GGUF is refused on resume', async () => {
    const server = await startFakeOpenAIServer({
      flavour: 'llama-server',
      answer: await devSetAnswers(),
      systemFingerprint: 'b6123-deadbeef',
    });
    try {
      const out = temporaryDirectory('llama');
      const outcome = await runEvaluation(fakeRunOptions(out, { provider: openai(server), filter: { limit: 1 } }));
      expect(outcome.manifest.identity).toMatchObject({
        server: 'llama.cpp',
        strength: 'metadata',
        facts: {
          id: 'fake-model',
          'meta.n_params': 4_180_000,
          'meta.size': 16_720_000,
          'meta.n_vocab': 32000,
          'props.model_path': '/models/fake-model.gguf',
        },
      });
      const lines = readFileSync(join(out, 'responses.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { system_fingerprint?: string });
      expect(lines.every((line) => line.system_fingerprint === 'b6123-deadbeef')).toBe(true);
      server.reconfigure({
        meta: { vocab_type: 1, n_vocab: 32000, n_ctx_train: 4096, n_embd: 64, n_params: 8_030_000, size: 4_920_000 },
      } as never);
      const error = await runEvaluation(fakeRunOptions(out, { provider: openai(server), filter: { limit: 1 } })).catch(
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(RunDirectoryError);
      expect((error as Error).message).toMatch(/checkpoint identity\.meta\.n_params: was 4180000, now 8030000/);
      expect((error as RunDirectoryError).hint).toMatch(/another checkpoint/);
    } finally {
      await server.close();
    }
  });

  it("hosted OpenAI: the model id is the identity and each answer's system_fingerprint is recorded per item", async () => {
    const server = await startFakeOpenAIServer({
      flavour: 'openai',
      modelName: 'gpt-4o-mini-2024-07-18',
      answer: await devSetAnswers(),
      systemFingerprint: 'fp_0ba0d124f1',
    });
    try {
      const out = temporaryDirectory('hosted');
      const outcome = await runEvaluation(
        fakeRunOptions(out, { provider: openai(server, 'gpt-4o-mini-2024-07-18'), filter: { limit: 1 } }),
      );
      expect(outcome.manifest.identity).toEqual({
        server: 'openai',
        strength: 'name-only',
        facts: { id: 'gpt-4o-mini-2024-07-18', owned_by: 'system' },
        checkpoint_id: null,
        behaviour: null,
      });
      const lines = readFileSync(join(out, 'responses.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { system_fingerprint?: string });
      expect(lines.map((line) => line.system_fingerprint)).toEqual(lines.map(() => 'fp_0ba0d124f1'));
    } finally {
      await server.close();
    }
  });

  it('a resume on another port with the same checkpoint goes on, with a note', async () => {
    const answer = await devSetAnswers();
    const before = await startFakeOpenAIServer({ answer });
    const after = await startFakeOpenAIServer({ answer });
    try {
      const out = temporaryDirectory('port');
      const stop = interruptAfter(20);
      await expect(runEvaluation({ ...fakeRunOptions(out, { provider: openai(before) }), ...stop })).rejects.toBeInstanceOf(
        RunInterruptedError,
      );
      const notes: string[] = [];
      const resumed = await runEvaluation(fakeRunOptions(out, { provider: openai(after), reporter: notesInto(notes) }));
      expect(resumed.apiErrors).toBe(0);
      expect(notes).toContainEqual(
        expect.stringMatching(
          /^endpoint: was "http:\/\/127\.0\.0\.1:\d+\/v1", now "http:\/\/127\.0\.0\.1:\d+\/v1"; the checkpoint identity is the same, so the run resumes$/,
        ),
      );
    } finally {
      await before.close();
      await after.close();
    }
  });
});

describe('a different checkpoint re-served under the same name never gets the old answers', () => {
  it.each<OpenAIFlavour>(['lm-studio', 'vllm'])(
    '%s (name or metadata only): the identity probe tells a retrained checkpoint at the same path apart; a resume is refused',
    async (flavour) => {
      const server = await startFakeOpenAIServer({ flavour, answer: await devSetAnswers() });
      try {
        const cache = { directory: temporaryDirectory('lmcache'), cacheOnly: false };
        const first = await runEvaluation(fakeRunOptions(temporaryDirectory('lm1'), { provider: openai(server), cache }));
        expect(first.manifest.identity).toMatchObject({
          server: flavour === 'vllm' ? 'vllm' : 'openai-compatible',
          strength: 'behavioural',
          facts: { id: 'fake-model' },
        });
        const interruptedOut = temporaryDirectory('lm-resume');
        await expect(
          runEvaluation({ ...fakeRunOptions(interruptedOut, { provider: openai(server), cache }), ...interruptAfter(10) }),
        ).rejects.toBeInstanceOf(RunInterruptedError);

        server.reconfigure({ answer: await retrainedAnswers() }); // re-served: same name, same URL, other weights
        const out = temporaryDirectory('lm2');
        const second = await runEvaluation(fakeRunOptions(out, { provider: openai(server), cache }));
        expect(second.cache).toEqual({ hits: 0, misses: 92 });
        expect(loggedOutputs(out).every((output) => output.startsWith('retrained: '))).toBe(true);
        expect(second.manifest.identity.behaviour?.sha256).not.toBe(first.manifest.identity.behaviour?.sha256);

        const refused = await runEvaluation(fakeRunOptions(interruptedOut, { provider: openai(server), cache })).catch(
          (thrown: unknown) => thrown,
        );
        expect(refused).toBeInstanceOf(RunDirectoryError);
        expect((refused as Error).message).toMatch(
          /the checkpoint answers differently than when this run started .*another checkpoint is being served under the same name/,
        );
        // --force starts that directory over instead of mixing the two checkpoints' answers
        await runEvaluation({ ...fakeRunOptions(interruptedOut, { provider: openai(server), cache }), force: true });
        expect(loggedOutputs(interruptedOut).every((output) => output.startsWith('retrained: '))).toBe(true);
      } finally {
        await server.close();
      }
    },
  );

  it('LM Studio with --no-identity-probe: the cross-run cache is not used, said once with how to turn it on', async () => {
    const server = await startFakeOpenAIServer({ flavour: 'lm-studio', answer: await devSetAnswers() });
    try {
      const cache = { directory: temporaryDirectory('npcache'), cacheOnly: false };
      const notes: string[] = [];
      await runEvaluation(fakeRunOptions(temporaryDirectory('np1'), { provider: openai(server), cache, identityProbe: false }));
      server.reconfigure({ answer: await retrainedAnswers() });
      const out = temporaryDirectory('np2');
      const second = await runEvaluation(
        fakeRunOptions(out, { provider: openai(server), cache, identityProbe: false, reporter: notesInto(notes) }),
      );
      expect(second.cache).toBeUndefined();
      expect(second.manifest.cache.enabled).toBe(false);
      expect(second.manifest.identity.strength).toBe('name-only');
      expect(loggedOutputs(out).every((output) => output.startsWith('retrained: '))).toBe(true);
      expect(notes.filter((note) => note.startsWith('cross-run cache not used'))).toEqual([
        expect.stringMatching(
          /identifies the model by its name only and the identity probe is off.*pass --checkpoint-id <git sha or adapter hash> or drop --no-identity-probe/,
        ),
      ]);
      // a pinned id keys the cache: reused with the same pin, never with another
      await runEvaluation(
        fakeRunOptions(temporaryDirectory('pin1'), {
          provider: openai(server),
          cache,
          identityProbe: false,
          checkpointId: 'adapter-epoch3',
        }),
      );
      const samePin = await runEvaluation(
        fakeRunOptions(temporaryDirectory('pin2'), {
          provider: openai(server),
          cache,
          identityProbe: false,
          checkpointId: 'adapter-epoch3',
        }),
      );
      expect(samePin.cache).toEqual({ hits: 96, misses: 0 });
      expect(samePin.manifest.identity).toMatchObject({ strength: 'pinned', checkpoint_id: 'adapter-epoch3' });
      const otherPin = await runEvaluation(
        fakeRunOptions(temporaryDirectory('pin3'), {
          provider: openai(server),
          cache,
          identityProbe: false,
          checkpointId: 'adapter-epoch4',
        }),
      );
      expect(otherPin.cache).toEqual({ hits: 0, misses: 96 });
    } finally {
      await server.close();
    }
  });

  it('Ollama: a replaced model has a new digest, so neither the cache nor a resume mixes the two', async () => {
    const server = await startFakeOllamaServer({ answer: await devSetAnswers(), digest: `sha256:${'a'.repeat(64)}` });
    try {
      const provider = { provider: 'ollama' as const, model: 'fake-model', baseURL: server.url, environment: {} };
      const cache = { directory: temporaryDirectory('ocache'), cacheOnly: false };
      const out = temporaryDirectory('o1');
      const first = await runEvaluation(fakeRunOptions(out, { provider, cache }));
      expect(first.manifest.identity).toMatchObject({ server: 'ollama', strength: 'content-digest', behaviour: null });
      const again = await runEvaluation(fakeRunOptions(temporaryDirectory('o2'), { provider, cache }));
      expect(again.cache).toEqual({ hits: 96, misses: 0 }); // a digest needs no probe

      server.reconfigure({ answer: await retrainedAnswers(), digest: `sha256:${'b'.repeat(64)}` } as never); // `ollama create fake-model` again
      const replaced = await runEvaluation(fakeRunOptions(temporaryDirectory('o3'), { provider, cache }));
      expect(replaced.cache).toEqual({ hits: 0, misses: 96 });
      const refused = await runEvaluation(fakeRunOptions(out, { provider, cache })).catch((thrown: unknown) => thrown);
      expect(refused).toBeInstanceOf(RunDirectoryError);
      expect((refused as Error).message).toMatch(/checkpoint identity\.digest: was "sha256:a{64}", now "sha256:b{64}"/);
    } finally {
      await server.close();
    }
  });
});

describe('sampled answers', () => {
  it('are never reused across runs at temperature > 0 without a seed; with a seed they are', async () => {
    let draw = 0;
    // a server that samples: a new draw per call, unless the request carries a seed (then the seed decides)
    const server = await startFakeOpenAIServer({
      answer: (prompt, call) =>
        call.body['seed'] === undefined
          ? `sample ${(draw += 1)} of ${prompt.length}`
          : `seed ${String(call.body['seed'])} of ${prompt.length}`,
    });
    try {
      const cache = { directory: temporaryDirectory('scache'), cacheOnly: false };
      const sampled = { ...fakeRunOptions('').prompt, temperature: 0.8 };
      const notes: string[] = [];
      const first = await runEvaluation(
        fakeRunOptions(temporaryDirectory('s1'), { provider: openai(server), cache, prompt: sampled, filter: { limit: 2 } }),
      );
      const second = await runEvaluation(
        fakeRunOptions(temporaryDirectory('s2'), {
          provider: openai(server),
          cache,
          prompt: sampled,
          filter: { limit: 2 },
          reporter: notesInto(notes),
        }),
      );
      expect(second.cache).toBeUndefined();
      const outputs = (outcome: typeof first): (string | null)[] => readItems(outcome.directory).map((item) => item.output);
      expect(outputs(second).filter((output, index) => output === outputs(first)[index])).toEqual([]);
      expect(notes).toContainEqual(
        expect.stringMatching(
          /^cross-run cache not used: answers sampled at temperature 0\.8 without --seed are never reused .*pass --seed N/,
        ),
      );

      const seeded = { ...sampled, seed: 7 };
      await runEvaluation(
        fakeRunOptions(temporaryDirectory('s3'), { provider: openai(server), cache, prompt: seeded, filter: { limit: 2 } }),
      );
      const reused = await runEvaluation(
        fakeRunOptions(temporaryDirectory('s4'), { provider: openai(server), cache, prompt: seeded, filter: { limit: 2 } }),
      );
      expect(reused.cache?.hits).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
