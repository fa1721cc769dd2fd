import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError, RunDirectoryError } from '../../src/errors';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import type { RunningFakeServer } from '../fakes/fake-http-server';
import { DEV_SET, devSetAnswers, fakeRunOptions, filesUnder, temporaryDirectory } from './run-fixtures';

describe('shopeval run: cache, resume, bad input, secrets', () => {
  let server: RunningFakeServer;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ answer: await devSetAnswers() });
  });
  afterAll(() => server.close());
  const provider = (extra: Record<string, string> = {}) => ({
    provider: 'openai-compatible' as const,
    model: 'fake-model',
    baseURL: `${server.url}/v1`,
    environment: {},
    ...extra,
  });

  it('a second run with the same cache asks only the 4 identity-probe items', async () => {
    const cache = { directory: temporaryDirectory('cache'), cacheOnly: false };
    const first = await runEvaluation(fakeRunOptions(temporaryDirectory('c1'), { provider: provider(), cache }));
    const callsAfterFirst = server.log.calls.length;
    const second = await runEvaluation(fakeRunOptions(temporaryDirectory('c2'), { provider: provider(), cache }));
    expect(server.log.calls.length).toBe(callsAfterFirst + 4);
    expect(second.cache).toEqual({ hits: 92, misses: 0 });
    expect(second.manifest.cache).toMatchObject({ enabled: true, hits: 92, misses: 0 });
    expect(second.summary).toEqual(first.summary);
    const offline = await runEvaluation(
      fakeRunOptions(temporaryDirectory('c3'), { provider: provider(), cache: { ...cache, cacheOnly: true } }),
    );
    expect(offline.cache).toEqual({ hits: 96, misses: 0 });
    const other = fakeRunOptions(temporaryDirectory('c4'), {
      provider: provider(),
      cache: { ...cache, cacheOnly: true },
      prompt: { temperature: 0.7 },
    });
    await expect(runEvaluation(other)).rejects.toThrow(/cache-only/);
  });

  it('a dataset with a broken line fails before any request', async () => {
    const broken = join(temporaryDirectory('bad'), 'broken.jsonl');
    const lines = readFileSync(DEV_SET, 'utf8').split('\n');
    lines.splice(10, 0, '{"input_field": "half a row", ');
    writeFileSync(broken, lines.join('\n'));
    const requestsBefore = server.log.headers.length;
    await expect(runEvaluation(fakeRunOptions(temporaryDirectory('b'), { data: broken, provider: provider() }))).rejects.toThrow(
      DatasetError,
    );
    await expect(runEvaluation(fakeRunOptions(temporaryDirectory('b'), { data: broken, provider: provider() }))).rejects.toThrow(
      /broken\.jsonl:11/,
    );
    expect(server.log.headers.length).toBe(requestsBefore);
  });

  it('resumes after a torn last line and refuses a different run unless forced', async () => {
    const out = temporaryDirectory('resume');
    const first = await runEvaluation(fakeRunOptions(out, { provider: provider() }));
    const log = join(out, 'responses.jsonl');
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    writeFileSync(log, lines.slice(0, 90).join('\n') + '\n');
    appendFileSync(log, (lines[90] ?? '').slice(0, 25)); // a crash mid-write
    const resumed = await runEvaluation(fakeRunOptions(out, { provider: provider() }));
    expect(resumed.requested).toBe(6);
    expect(resumed.summary).toEqual(first.summary);
    expect(
      readFileSync(log, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toHaveLength(96);
    expect(resumed.manifest.resumed_at).toHaveLength(1);

    const changed = fakeRunOptions(out, { provider: provider(), prompt: { temperature: 0.5 } });
    await expect(runEvaluation(changed)).rejects.toThrow(RunDirectoryError);
    await expect(runEvaluation(changed)).rejects.toThrow(/prompt\.temperature: was 0, now 0\.5$/m);
    await expect(runEvaluation({ ...fakeRunOptions(out, { provider: provider() }), profile: 'shoppingmmlu' })).rejects.toThrow(/profile/);
    const forced = await runEvaluation({ ...changed, force: true });
    expect(forced.requested).toBe(96);
  });

  it('never writes the API key anywhere', async () => {
    const secret = 'sk-shopeval-DISTINCTIVE-7f3a9c2e1b';
    const out = temporaryDirectory('secret');
    const cacheDirectory = temporaryDirectory('secret-cache');
    const flaky = await startFakeOpenAIServer({
      answer: await devSetAnswers(),
      faults: (call) => (call % 7 === 0 ? 'http-500' : undefined),
    });
    try {
      await runEvaluation(
        fakeRunOptions(out, {
          provider: { provider: 'openai-compatible', model: 'fake-model', baseURL: `${flaky.url}/v1`, apiKey: secret, environment: {} },
          cache: { directory: cacheDirectory, cacheOnly: false },
          tags: { purpose: 'security-test' },
        }),
      );
      expect(flaky.log.headers.at(-1)?.authorization).toBe(`Bearer ${secret}`);
    } finally {
      await flaky.close();
    }
    const written = [...filesUnder(out), ...filesUnder(cacheDirectory)];
    expect(written.length).toBeGreaterThanOrEqual(5);
    for (const file of written) expect(readFileSync(file, 'utf8')).not.toContain(secret.slice(3));
  });
});
