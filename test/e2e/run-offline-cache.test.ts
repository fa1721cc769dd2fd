import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { isolatedCacheEnv, runCliAsync } from '../helpers/cli';
import { devSetAnswers, fakeRunOptions, openAiDevSetRunArgv, readJson, temporaryDirectory } from './run-fixtures';

describe('shopeval run --cache-only works offline', () => {
  it('fills the cache through the fake, then answers every item from it with the server stopped (built CLI)', async () => {
    const server = await startFakeOpenAIServer({ answer: await devSetAnswers() });
    const cacheDirectory = temporaryDirectory('offline-cache');
    const env = isolatedCacheEnv();
    const args = (out: string) => [
      ...openAiDevSetRunArgv('fake-model', `${server.url}/v1`),
      '--cache-dir',
      cacheDirectory,
      '--out',
      out,
      '--embedding-backend',
      'none',
    ];
    const online = join(temporaryDirectory('online'), 'run');
    try {
      const filled = await runCliAsync(args(online), { env });
      expect(filled.stderr).toMatch(/96 of 96 items answered \(96 new\)\n/);
      expect(filled.status).toBe(0);
    } finally {
      await server.close();
    }
    const offline = join(temporaryDirectory('offline'), 'run');
    const cached = await runCliAsync([...args(offline), '--cache-only'], { env });
    expect(cached.stderr).not.toMatch(/cannot reach|unexpected error/);
    expect(cached.stderr).toMatch(/96 of 96 items answered \(96 from the cache\)\n/);
    expect(cached.status).toBe(0);
    expect(readJson(join(offline, 'summary.json'))).toEqual(readJson(join(online, 'summary.json')));
    const manifests = [online, offline].map(
      (directory) => JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as { identity: unknown; cache: unknown },
    );
    expect(manifests[1]?.identity).toEqual(manifests[0]?.identity);
    expect(manifests[1]?.identity).toMatchObject({
      server: 'vllm',
      strength: 'behavioural',
      facts: { id: 'fake-model', root: '/models/fake-model' },
    });
    expect(manifests[1]?.cache).toMatchObject({ cache_only: true, hits: 96, misses: 0 });
  }, 120_000);

  it('never contacts the server in cache-only mode, and its run directory resumes online without a mismatch', async () => {
    const server = await startFakeOpenAIServer({ answer: await devSetAnswers() });
    try {
      const provider = { provider: 'openai-compatible' as const, model: 'fake-model', baseURL: `${server.url}/v1`, environment: {} };
      const cache = { directory: temporaryDirectory('cache'), cacheOnly: false };
      await runEvaluation(fakeRunOptions(temporaryDirectory('fill'), { provider, cache }));
      const requestsAfterFill = server.log.headers.length;
      const out = temporaryDirectory('cache-only');
      const offline = await runEvaluation(fakeRunOptions(out, { provider, cache: { ...cache, cacheOnly: true } }));
      expect(server.log.headers.length).toBe(requestsAfterFill); // not even /v1/models
      const callsBeforeOnline = server.log.calls.length;
      const online = await runEvaluation(fakeRunOptions(out, { provider, cache }));
      expect(server.log.calls.length - callsBeforeOnline).toBe(4); // only the identity probe items, re-asked to check the checkpoint is the same
      expect(online.requested).toBe(0); // every item's answer is still the one its log holds
      expect(online.manifest.identity.facts).toEqual(offline.manifest.identity.facts);

      const neverSeen = fakeRunOptions(temporaryDirectory('never'), {
        provider: { ...provider, model: 'other-model' },
        cache: { ...cache, cacheOnly: true },
      });
      await expect(runEvaluation(neverSeen)).rejects.toThrow(/cache-only mode: other-model at .* was never run with the cache/);
    } finally {
      await server.close();
    }
  });
});
