import { join } from 'node:path';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import { startFakeOllamaServer } from '../fakes/fake-ollama-server';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { randomFaults } from '../fakes/fault-plan';
import { devSetAnswers, fakeRunOptions, readItems, readJson, temporaryDirectory } from './run-fixtures';

describe('shopeval run against faulty servers', () => {
  it('answers every item through 20% failing calls (openai-compatible) with the fault-free summary', async () => {
    const answer = await devSetAnswers();
    const clean = await startFakeOpenAIServer({ answer });
    const faulty = await startFakeOpenAIServer({ answer, faults: randomFaults(0.2, 42), slowMs: 2000, retryAfter: '0' });
    try {
      const base = (url: string) => ({
        provider: 'openai-compatible' as const,
        model: 'fake-model',
        baseURL: `${url}/v1`,
        environment: {},
      });
      const reference = await runEvaluation(fakeRunOptions(temporaryDirectory('clean'), { provider: base(clean.url) }));
      const out = temporaryDirectory('faulty');
      const outcome = await runEvaluation(fakeRunOptions(out, { provider: base(faulty.url) }));
      expect(outcome.apiErrors).toBe(0);
      expect(outcome.summary).toEqual(reference.summary);
      expect(readJson(join(out, 'summary.json'))).toEqual(readJson(join(reference.directory, 'summary.json')));
      const injected = faulty.log.calls.filter((call) => call.fault !== undefined);
      expect(injected.length / faulty.log.calls.length).toBeGreaterThan(0.1);
      expect(new Set(injected.map((call) => call.fault))).toEqual(new Set(['http-500', 'http-429', 'drop', 'slow', 'malformed-json']));
      expect(reference.summary.overall).toBeGreaterThan(0.3); // the fake answers like the lexical baseline
    } finally {
      await clean.close();
      await faulty.close();
    }
  });

  it('does the same through Ollama', async () => {
    const answer = await devSetAnswers();
    const clean = await startFakeOllamaServer({ answer });
    const faulty = await startFakeOllamaServer({ answer, faults: randomFaults(0.2, 7), slowMs: 2000 });
    try {
      const base = (url: string) => ({ provider: 'ollama' as const, model: 'fake-model', baseURL: url, environment: {} });
      const reference = await runEvaluation(fakeRunOptions(temporaryDirectory('oclean'), { provider: base(clean.url) }));
      const outcome = await runEvaluation(fakeRunOptions(temporaryDirectory('ofaulty'), { provider: base(faulty.url) }));
      expect(outcome.apiErrors).toBe(0);
      expect(outcome.summary).toEqual(reference.summary);
      expect(outcome.manifest.identity).toMatchObject({
        server: 'ollama',
        strength: 'content-digest',
        facts: { name: 'fake-model:latest', family: 'llama' },
      });
    } finally {
      await clean.close();
      await faulty.close();
    }
  });

  it('reports items that still fail as API errors, apart, and resumes only them', async () => {
    const answer = await devSetAnswers();
    let broken = true;
    const server = await startFakeOpenAIServer({
      answer,
      faults: (_call, prompt) => (broken && prompt.includes('Answer:') ? 'http-500' : undefined),
    });
    try {
      const options = fakeRunOptions(temporaryDirectory('errors'), {
        provider: { provider: 'openai-compatible', model: 'fake-model', baseURL: `${server.url}/v1`, environment: {} },
        retry: { maxAttempts: 2, initialDelayMs: 1 },
      });
      const failed = await runEvaluation(options);
      expect(failed.apiErrors).toBeGreaterThan(0);
      expect(failed.summary.counts.api_errors).toBe(failed.apiErrors);
      expect(readItems(failed.directory).filter((item) => item.api_error !== undefined)).toHaveLength(failed.apiErrors);
      broken = false;
      const resumed = await runEvaluation(options);
      expect(resumed.requested).toBe(failed.apiErrors);
      expect(resumed.apiErrors).toBe(0);
    } finally {
      await server.close();
    }
  });
});
