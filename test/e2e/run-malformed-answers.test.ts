import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import { startFakeOllamaServer } from '../fakes/fake-ollama-server';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { randomFaults } from '../fakes/fault-plan';
import type { RunningFakeServer } from '../fakes/fake-http-server';
import { devSetAnswers, fakeRunOptions, readItems, temporaryDirectory } from './run-fixtures';

type Target = {
  name: string;
  start: (faulty: boolean) => Promise<RunningFakeServer>;
  provider: (url: string) => {
    provider: 'openai-compatible' | 'ollama';
    model: string;
    baseURL: string;
    api?: string;
    environment: NodeJS.ProcessEnv;
  };
};

const TARGETS: readonly Target[] = [
  {
    name: 'openai chat',
    start: async (faulty) =>
      startFakeOpenAIServer({ answer: await devSetAnswers(), ...(faulty ? { faults: randomFaults(0.4, 3, ['missing-content']) } : {}) }),
    provider: (url) => ({ provider: 'openai-compatible', model: 'fake-model', baseURL: `${url}/v1`, environment: {} }),
  },
  {
    name: 'openai completions',
    start: async (faulty) =>
      startFakeOpenAIServer({ answer: await devSetAnswers(), ...(faulty ? { faults: randomFaults(0.4, 4, ['missing-content']) } : {}) }),
    provider: (url) => ({ provider: 'openai-compatible', model: 'fake-model', baseURL: `${url}/v1`, api: 'completions', environment: {} }),
  },
  {
    name: 'ollama chat',
    start: async (faulty) =>
      startFakeOllamaServer({ answer: await devSetAnswers(), ...(faulty ? { faults: randomFaults(0.4, 5, ['missing-content']) } : {}) }),
    provider: (url) => ({ provider: 'ollama', model: 'fake-model', baseURL: url, environment: {} }),
  },
];

/** Every cached answer's text: a malformed body must never be among them. */
function cachedTexts(cache: string): string[] {
  return readdirSync(cache)
    .filter((name) => name.startsWith('responses-'))
    .flatMap((name) =>
      readFileSync(join(cache, name), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as { text: string }).text),
    );
}

describe('a 200 answer without its text field is malformed: retried, never cached, an API error if it persists', () => {
  it.each(TARGETS)(
    '$name: 40% malformed answers give the fault-free summary; with one attempt, API errors and nothing cached',
    async (target) => {
      const clean = await target.start(false);
      const faulty = await target.start(true);
      try {
        const reference = await runEvaluation(fakeRunOptions(temporaryDirectory('clean'), { provider: target.provider(clean.url) }));
        // 20 attempts: 0.4^20 makes an item that fails every one of them practically impossible
        const retried = await runEvaluation(
          fakeRunOptions(temporaryDirectory('retried'), {
            provider: target.provider(faulty.url),
            retry: { maxAttempts: 20, initialDelayMs: 1, maxDelayMs: 20, maxRetryAfterMs: 20 },
          }),
        );
        expect(retried.apiErrors).toBe(0);
        expect(retried.summary).toEqual(reference.summary);
        const cache = temporaryDirectory('cache');
        const once = await runEvaluation(
          fakeRunOptions(temporaryDirectory('once'), {
            provider: target.provider(faulty.url),
            retry: { maxAttempts: 1 },
            cache: { directory: cache, cacheOnly: false },
            checkpointId: 'malformed-test',
          }),
        );
        expect(once.apiErrors).toBeGreaterThan(10);
        expect(
          readItems(once.directory)
            .filter((item) => item.api_error !== undefined)
            .every((item) => /malformed/.test(item.api_error ?? '')),
        ).toBe(true);
        expect(cachedTexts(cache)).toHaveLength(96 - once.apiErrors); // the malformed answers were not cached
        // a later run against a healthy server asks the failed items again instead of replaying empty answers
        const healed = await runEvaluation(
          fakeRunOptions(temporaryDirectory('healed'), {
            provider: target.provider(clean.url),
            cache: { directory: cache, cacheOnly: false },
            checkpointId: 'malformed-test',
          }),
        );
        expect(healed.summary).toEqual(reference.summary);
      } finally {
        await clean.close();
        await faulty.close();
      }
    },
    120_000,
  );
});
