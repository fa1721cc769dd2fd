import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProviderError } from '../../src/errors';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import { renderSummaryTable } from '../../src/reports/render/summary-table';
import { startFakeOllamaServer } from '../fakes/fake-ollama-server';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import type { Fault } from '../fakes/fault-plan';
import { runCliInProcess } from '../helpers/cli';
import {
  deadEndpointRunArgv,
  DEV_SET,
  devSetAnswers,
  fakeRunOptions,
  notesInto,
  openAiDevSetRunArgv,
  readItems,
  temporaryDirectory,
} from './run-fixtures';

const openai = (url: string, model = 'fake-model') => ({
  provider: 'openai-compatible' as const,
  model,
  baseURL: `${url}/v1`,
  environment: {},
});

function logLines(directory: string): number {
  return readFileSync(join(directory, 'responses.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '').length;
}

describe('shopeval run: endpoint checks before and during a run', () => {
  it('fails fast on a dead endpoint: exit 3, a message naming the fix, no run directory', async () => {
    const out = join(temporaryDirectory('dead'), 'run');
    const started = Date.now();
    const result = await runCliInProcess(await deadEndpointRunArgv(out));
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(
      /shopeval: cannot reach http:\/\/127\.0\.0\.1:\d+\/v1: start the server or fix --base-url \/ OPENAI_BASE_URL/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a key the server rejects before asking any item, naming --api-key / OPENAI_API_KEY', async () => {
    const server = await startFakeOpenAIServer({ failingRoutes: { 'GET /v1/models': 401 } });
    try {
      const error = await runEvaluation(
        fakeRunOptions(temporaryDirectory('401'), { provider: { ...openai(server.url), apiKey: 'sk-wrong-key-0000' } }),
      ).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as Error).message).toMatch(
        /refused the request \(http 401: .*Bearer \[redacted\]\): pass the right key with --api-key or OPENAI_API_KEY/,
      );
      expect(server.log.calls).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('warns, naming the served models, when the server does not list the model, and keeps going', async () => {
    const server = await startFakeOpenAIServer({ answer: await devSetAnswers() });
    try {
      const warnings: string[] = [];
      const outcome = await runEvaluation(
        fakeRunOptions(temporaryDirectory('alias'), {
          provider: openai(server.url, 'my-alias'),
          reporter: notesInto(warnings, 'warning'),
          filter: { limit: 1 },
        }),
      );
      expect(warnings).toContainEqual(
        expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1 does not list the model "my-alias"; it serves: fake-model\. Going on/),
      );
      expect(outcome.apiErrors).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('stops when the first 10 items all fail for good, keeps what was logged, and resumes', async () => {
    let fault: Fault | undefined = 'http-400';
    const server = await startFakeOpenAIServer({ answer: await devSetAnswers(), faults: () => fault });
    try {
      const out = temporaryDirectory('breaker');
      const options = fakeRunOptions(out, { provider: openai(server.url) });
      const error = await runEvaluation(options).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as Error).message).toBe(
        'the first 10 items all failed with errors a retry cannot fix, the first: http 400: injected bad request: unknown parameter',
      );
      expect(server.log.calls.length).toBeLessThan(96);
      expect(logLines(out)).toBeGreaterThanOrEqual(10);
      fault = undefined;
      const resumed = await runEvaluation(options);
      expect(resumed.apiErrors).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('scores a null message.content as an empty output, not an API error', async () => {
    const server = await startFakeOpenAIServer({
      answer: await devSetAnswers(),
      faults: (_call, prompt) => (prompt.includes('Answer:') ? 'null-content' : undefined),
    });
    try {
      // a generous timeout: on a loaded machine a 300 ms one retried a slow answer, which is not what `no retry` is about
      const outcome = await runEvaluation(fakeRunOptions(temporaryDirectory('null'), { provider: openai(server.url), timeoutMs: 10_000 }));
      expect(outcome.apiErrors).toBe(0);
      const empty = readItems(outcome.directory).filter((item) => item.output === '');
      expect(empty.length).toBeGreaterThan(0);
      expect(empty.every((item) => item.api_error === undefined && item.unparseable)).toBe(true);
      expect(outcome.nullContent).toBeGreaterThan(0); // counted apart from well-formed empty answers
      expect(outcome.manifest.counts?.null_content).toBe(outcome.nullContent);
      expect(server.log.calls).toHaveLength(96); // no retry
    } finally {
      await server.close();
    }
  });
});

describe('shopeval run: run directory bookkeeping', () => {
  it('--force deletes the old results, so a crash cannot leave old scores under a new manifest', async () => {
    let fault: Fault | undefined;
    const server = await startFakeOpenAIServer({ answer: await devSetAnswers(), faults: () => fault });
    try {
      const out = temporaryDirectory('force');
      await runEvaluation(fakeRunOptions(out, { provider: openai(server.url) }));
      expect(existsSync(join(out, 'summary.json'))).toBe(true);
      fault = 'http-400'; // the forced run dies early (circuit breaker)
      const changed = fakeRunOptions(out, {
        provider: openai(server.url),
        prompt: { ...fakeRunOptions('').prompt, temperature: 0.5 },
        force: true,
      });
      await expect(runEvaluation(changed)).rejects.toThrow(ProviderError);
      expect(existsSync(join(out, 'summary.json'))).toBe(false);
      expect(existsSync(join(out, 'items.jsonl'))).toBe(false);
      expect((JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { prompt: { temperature: number } }).prompt.temperature).toBe(
        0.5,
      );
    } finally {
      await server.close();
    }
  });

  it('adds cache hits and misses over resumed invocations, and says when tags changed', async () => {
    const answer = await devSetAnswers();
    let broken = false;
    const server = await startFakeOpenAIServer({
      answer,
      faults: (_call, prompt) => (broken && prompt.includes('Answer:') ? 'http-500' : undefined),
    });
    try {
      const fullCache = { directory: temporaryDirectory('full-cache'), cacheOnly: false };
      await runEvaluation(fakeRunOptions(temporaryDirectory('fill'), { provider: openai(server.url), cache: fullCache }));
      broken = true;
      const out = temporaryDirectory('accumulate');
      const first = await runEvaluation(
        fakeRunOptions(out, {
          provider: openai(server.url),
          cache: { directory: temporaryDirectory('empty-cache'), cacheOnly: false },
          retry: { maxAttempts: 1 },
          tags: { mix: 'a' },
        }),
      );
      expect(first.apiErrors).toBeGreaterThan(0);
      // a run left with API errors is partial, and says so: summary.json and the table
      expect(first.summary.completeness).toMatchObject({
        complete: false,
        items: 96,
        answered: 96 - first.apiErrors,
        api_errors: first.apiErrors,
      });
      expect(renderSummaryTable(first.summary)).toMatch(/overall \(partial\) .*PARTIAL, not final/);
      expect(renderSummaryTable(first.summary)).toMatch(new RegExp(`PARTIAL RUN: ${96 - first.apiErrors} of 96 items answered`));
      expect(first.manifest.cache).toMatchObject({ hits: 0, misses: 92 }); // the 4 probe items are asked before the cache is keyed
      const notes: string[] = [];
      const second = await runEvaluation(
        fakeRunOptions(out, { provider: openai(server.url), cache: fullCache, tags: { mix: 'b' }, reporter: notesInto(notes) }),
      );
      expect(second.cache).toEqual({ hits: first.apiErrors, misses: 0 }); // this invocation's
      expect(second.manifest.cache).toMatchObject({ hits: first.apiErrors, misses: 92 }); // the run's totals
      expect(second.manifest.tags).toEqual({ mix: 'b' });
      expect(notes).toContain('tags changed: mix: was "a", now "b"');
    } finally {
      await server.close();
    }
  });

  it('records one endpoint and cache namespace for every spelling of OLLAMA_HOST', async () => {
    const server = await startFakeOllamaServer({ answer: await devSetAnswers() });
    try {
      const cache = { directory: temporaryDirectory('ollama-cache'), cacheOnly: false };
      const port = new URL(server.url).port;
      const bare = await runEvaluation(
        fakeRunOptions(temporaryDirectory('o1'), {
          provider: { provider: 'ollama', model: 'fake-model', environment: { OLLAMA_HOST: `127.0.0.1:${port}` } },
          cache,
        }),
      );
      const full = await runEvaluation(
        fakeRunOptions(temporaryDirectory('o2'), {
          provider: { provider: 'ollama', model: 'fake-model', baseURL: `http://127.0.0.1:${port}/`, environment: {} },
          cache,
        }),
      );
      expect(bare.manifest.provider.endpoint).toBe(`http://127.0.0.1:${port}`);
      expect(full.manifest.provider).toEqual(bare.manifest.provider);
      expect(full.cache).toEqual({ hits: 96, misses: 0 });
    } finally {
      await server.close();
    }
  });
});

describe('shopeval run: a corrected command after a config error or a failed probe', () => {
  it('catches a base URL without /v1 (OpenAI-compatible) and with an extra /v1 (Ollama) at the probe, printing the URL to use', async () => {
    const vllm = await startFakeOpenAIServer();
    const ollama = await startFakeOllamaServer();
    try {
      const out = join(temporaryDirectory('v1'), 'run');
      const missing = await runCliInProcess([
        ...openAiDevSetRunArgv('fake-model', vllm.url),
        '--out',
        out,
        '--no-cache',
        '--embedding-backend',
        'none',
      ]);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain(
        `shopeval: ${vllm.url} answers 404 to /models, but ${vllm.url}/v1/models lists models: the base URL lacks its /v1`,
      );
      expect(missing.stderr).toContain(`Pass --base-url ${vllm.url}/v1`);
      const extra = await runCliInProcess([
        'run',
        '--data',
        DEV_SET,
        '--provider',
        'ollama',
        '--model',
        'fake-model',
        '--base-url',
        `${ollama.url}/v1`,
        '--out',
        out,
        '--no-cache',
        '--embedding-backend',
        'none',
      ]);
      expect(extra.status).toBe(2);
      expect(extra.stderr).toContain(`Pass --base-url ${ollama.url} (or set OLLAMA_HOST to it)`);
      expect(existsSync(out)).toBe(false);
      expect(vllm.log.calls.length + ollama.log.calls.length).toBe(0);
    } finally {
      await vllm.close();
      await ollama.close();
    }
  });

  it('after a wrong --model stops the run, the corrected command with the same --out is not refused', async () => {
    const server = await startFakeOpenAIServer({ answer: await devSetAnswers(), rejectUnknownModels: true });
    try {
      const out = temporaryDirectory('wrong-model');
      const wrong = await runEvaluation(fakeRunOptions(out, { provider: openai(server.url, 'fake-modle') })).catch(
        (thrown: unknown) => thrown,
      );
      expect(wrong).toBeInstanceOf(ProviderError);
      expect((wrong as ProviderError).message).toMatch(/the first 10 items all failed .*http 404: The model `fake-modle` does not exist/);
      expect((wrong as ProviderError).hint).toMatch(/run the corrected command with the same --out/);
      const notes: string[] = [];
      const corrected = await runEvaluation(fakeRunOptions(out, { provider: openai(server.url), reporter: notesInto(notes) }));
      expect(corrected.apiErrors).toBe(0);
      expect(corrected.manifest.model).toBe('fake-model');
      expect(notes).toContainEqual(
        expect.stringMatching(/holds no answer yet: starting it over with these settings \(model: was "fake-modle", now "fake-model"/),
      );
    } finally {
      await server.close();
    }
  });
});
