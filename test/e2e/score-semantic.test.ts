import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSummary } from '../../src/scoring/records';
import { startFakeOpenAiEmbeddings } from '../fakes/embeddings-openai';
import { DEV_SET, isolatedCacheEnv, REPO_ROOT, runCliAsync } from '../helpers/cli';

const PLAUSIBLE = join(REPO_ROOT, 'fixtures', 'predictions', 'dev-plausible.jsonl');
const TINY_MODEL = join(REPO_ROOT, 'fixtures', 'models', 'tiny-encoder');

async function scoreWith(flags: readonly string[]): Promise<{ summary: RunSummary; stderr: string }> {
  const out = mkdtempSync(join(tmpdir(), 'shopeval-semantic-'));
  const result = await runCliAsync(['score', '--data', DEV_SET, '--predictions', PLAUSIBLE, '--out', out, ...flags], {
    env: isolatedCacheEnv(),
  });
  expect(result.stderr).not.toMatch(/unexpected error/);
  expect(result.status).toBe(0);
  return { summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary, stderr: result.stderr };
}

describe('shopeval score with sentence embeddings', () => {
  it('scores every sent-transformer row through a local model directory', async () => {
    const { summary, stderr } = await scoreWith(['--sent-transformer-model', TINY_MODEL, '--allow-other-embedding-model']);
    const task1 = summary.tasks.find((task) => task.task_name === 'task1');
    expect(task1).toMatchObject({ status: 'scored', n_scored: 4 });
    expect(task1?.score).toBeGreaterThan(0);
    expect(task1?.score).toBeLessThanOrEqual(1);
    expect(summary.left_out).toEqual([]);
    expect(stderr).toContain(`sent-transformer: local:${TINY_MODEL}`);
    // a model of another shape, allowed with --allow-other-embedding-model: named, and said not to be the official one
    expect(summary.embeddings?.['sent-transformer']).toEqual({ embedder: `local:${TINY_MODEL}`, official: false });
    expect(task1?.embedder).toEqual({ name: `local:${TINY_MODEL}`, official: false });
  });

  it('scores them through an OpenAI-compatible embeddings endpoint', async () => {
    const server = await startFakeOpenAiEmbeddings({ models: ['all-MiniLM-L6-v2'] });
    try {
      const { summary } = await scoreWith([
        '--embedding-backend',
        'openai',
        '--embedding-base-url',
        `${server.url}/v1`,
        '--sent-transformer-model',
        'all-MiniLM-L6-v2',
        '--allow-other-embedding-model',
        '--no-embedding-cache',
      ]);
      expect(summary.tasks.find((task) => task.task_name === 'task1')).toMatchObject({
        status: 'scored',
        n_scored: 4,
        embedder: { name: expect.stringContaining('all-MiniLM-L6-v2'), official: expect.any(Boolean) },
      });
      // every distinct text (4 outputs + 4 truths) reached the endpoint
      const texts = server.requests
        .filter((request) => request.url === '/v1/embeddings')
        .flatMap((request) => (request.body as { input: string[] }).input);
      expect(new Set(texts).size).toBeGreaterThanOrEqual(8);
    } finally {
      await server.close();
    }
  });
});
