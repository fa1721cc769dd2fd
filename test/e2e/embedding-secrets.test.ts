import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeOpenAiEmbeddings } from '../fakes/embeddings-openai';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { DEV_SET, isolatedCacheEnv, runCliAsync, runCliInProcess, type CliResult } from '../helpers/cli';
import { filesUnder, openAiDevSetRunArgv, temporaryDirectory } from './run-fixtures';

const SECRET = 'sk-test-SECRETembedding0a1b2c3d4e5f';
// what a gateway's masked echo keeps of it: the first half, then ***
const MASKED_PART = SECRET.slice(0, Math.ceil(SECRET.length / 2));

/** No file under the directories, and no output, holds the key: neither in full nor its distinctive masked prefix. */
function expectNoKey(directories: readonly string[], outputs: readonly CliResult[], secrets: readonly string[]): void {
  for (const file of directories.flatMap(filesUnder)) {
    const text = readFileSync(file, 'utf8');
    for (const secret of secrets) expect({ file, leaked: text.includes(secret) }).toEqual({ file, leaked: false });
  }
  for (const output of outputs) for (const secret of secrets) expect(`${output.stdout}${output.stderr}`).not.toContain(secret);
}

describe('the OpenAI-compatible embedding path never writes or prints the key a failing endpoint echoes (built CLI)', () => {
  it('refuses a failing endpoint at start-up without printing the key (run and score)', async () => {
    const server = await startFakeOpenAiEmbeddings({ models: ['sentence-transformers/all-MiniLM-L6-v2'], echoKeyAfter: 0 });
    const workspace = temporaryDirectory('embed-probe-echo');
    const env = { ...isolatedCacheEnv(), OPENAI_API_KEY: SECRET };
    const embedding = [
      '--embedding-backend',
      'openai',
      '--embedding-base-url',
      `${server.url}/v1`,
      '--allow-other-embedding-model',
      '--no-embedding-cache',
    ];
    const outputs: CliResult[] = [];
    try {
      outputs.push(
        await runCliAsync(
          ['run', '--data', DEV_SET, '--provider', 'builtin', '--model', 'lexical', '--out', join(workspace, 'run'), ...embedding],
          { env },
        ),
      );
      outputs.push(
        await runCliAsync(
          [
            'score',
            '--data',
            DEV_SET,
            '--predictions',
            'fixtures/predictions/dev-plausible.jsonl',
            '--out',
            join(workspace, 'score'),
            ...embedding,
          ],
          { env },
        ),
      );
      for (const output of outputs) {
        expect(output.status).toBe(2);
        expect(output.stderr).toMatch(/the embeddings endpoint .* failed .*\[redacted\]/);
      }
    } finally {
      await server.close();
    }
    expectNoKey([workspace], outputs, [SECRET, MASKED_PART]);
  }, 120_000);

  it('keeps it out of run and score directories, every report format, stdout and stderr when scoring fails', async () => {
    // the start-up probe passes, then every request fails echoing the key
    const server = await startFakeOpenAiEmbeddings({
      models: ['sentence-transformers/all-MiniLM-L6-v2', 'sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2'],
      echoKeyAfter: 1,
    });
    const workspace = temporaryDirectory('embed-echo');
    const env = { ...isolatedCacheEnv(), OPENAI_API_KEY: SECRET };
    const embedding = [
      '--embedding-backend',
      'openai',
      '--embedding-base-url',
      `${server.url}/v1`,
      '--allow-other-embedding-model',
      '--no-embedding-cache',
    ];
    const outputs: CliResult[] = [];
    try {
      const run = await runCliAsync(
        ['run', '--data', DEV_SET, '--provider', 'builtin', '--model', 'lexical', '--out', join(workspace, 'run'), ...embedding],
        { env },
      );
      outputs.push(run);
      expect(run.status).toBe(0);
      const preds = join(workspace, 'preds.jsonl');
      const items = readFileSync(join(workspace, 'run', 'items.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; output: string });
      writeFileSync(preds, items.map((item) => JSON.stringify({ id: item.id, output: item.output })).join('\n') + '\n');
      expect(readFileSync(join(workspace, 'run', 'summary.json'), 'utf8')).toMatch(/\[redacted\]/);
      // a fresh endpoint for score: its start-up probe passes too
      const second = await startFakeOpenAiEmbeddings({
        models: ['sentence-transformers/all-MiniLM-L6-v2', 'sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2'],
        echoKeyAfter: 1,
      });
      const secondFlags = embedding.map((flag) => flag.replace(server.url, second.url));
      const score = await runCliAsync(
        ['score', '--data', DEV_SET, '--predictions', preds, '--out', join(workspace, 'score'), ...secondFlags],
        { env },
      ).finally(() => second.close());
      outputs.push(score);
      expect(score.status).toBe(0);
      expect(readFileSync(join(workspace, 'score', 'summary.json'), 'utf8')).toMatch(/\[redacted\]/);
      for (const directory of ['run', 'score']) {
        for (const format of ['terminal', 'markdown', 'html', 'json', 'csv']) {
          // in-process: run and score above are real processes; reports only read their files
          const report = await runCliInProcess(
            ['report', join(workspace, directory), '--format', format, '--output', join(workspace, 'reports', `${directory}.${format}`)],
            { env },
          );
          outputs.push(report);
          expect(report.status).toBe(0);
        }
      }
      expect(server.requests.some((request) => request.headers.authorization === `Bearer ${SECRET}`)).toBe(true);
    } finally {
      await server.close();
    }
    expectNoKey([workspace], outputs, [SECRET, MASKED_PART]);
  }, 180_000);
});

describe('a secret in the --base-url query string is never recorded', () => {
  it('keeps it out of the manifest, the cache fingerprint index and every output', async () => {
    const server = await startFakeOpenAIServer({});
    const workspace = temporaryDirectory('url-secret');
    const querySecret = 'qs-TOKEN-5e6f7a8b9c0d';
    const outputs: CliResult[] = [];
    try {
      const baseUrl = `${server.url}/v1?api-key=${querySecret}`;
      outputs.push(
        await runCliAsync(
          [
            ...openAiDevSetRunArgv('fake-model', baseUrl),
            '--out',
            join(workspace, 'run'),
            '--cache-dir',
            join(workspace, 'cache'),
            '--max-attempts',
            '1',
            '--embedding-backend',
            'none',
          ],
          { env: isolatedCacheEnv() },
        ),
      );
      const manifest = JSON.parse(readFileSync(join(workspace, 'run', 'manifest.json'), 'utf8')) as { provider: { endpoint: string } };
      expect(manifest.provider.endpoint).toBe(`${server.url}/v1`);
    } finally {
      await server.close();
    }
    expectNoKey([workspace], outputs, [querySecret]);
  }, 120_000);
});
