import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { isolatedCacheEnv, runCliAsync, runCliInProcess, type CliResult } from '../helpers/cli';
import { devSetAnswers, filesUnder, openAiDevSetRunArgv, temporaryDirectory } from './run-fixtures';

const SECRET = 'sk-shopeval-ECHOED-4d2f8a1c9e7b';

describe('shopeval run never writes or prints the API key, even when a server echoes it (built CLI)', () => {
  it('keeps the key out of the run directory, the cache, every report format, stdout and stderr', async () => {
    // every 5th call a 401 and every 7th a 500 whose body quotes the Authorization header back
    const server = await startFakeOpenAIServer({
      answer: await devSetAnswers(),
      faults: (call) =>
        call % 5 === 0 ? 'http-401-echo' : call % 7 === 0 ? 'http-500-echo' : call % 11 === 0 ? 'http-401-echo-masked' : undefined,
    });
    const workspace = temporaryDirectory('echo');
    const out = join(workspace, 'run');
    const cacheDirectory = join(workspace, 'cache');
    const reports = join(workspace, 'reports');
    const env = { ...isolatedCacheEnv(), OPENAI_API_KEY: SECRET };
    const outputs: CliResult[] = [];
    try {
      const run = await runCliAsync(
        [
          ...openAiDevSetRunArgv('fake-model', `${server.url}/v1`),
          '--out',
          out,
          '--cache-dir',
          cacheDirectory,
          '--max-attempts',
          '2',
          '--embedding-backend',
          'none',
        ],
        { env },
      );
      outputs.push(run);
      expect(run.status).toBe(1); // the 401s are API errors
      expect(server.log.headers.some((headers) => headers.authorization === `Bearer ${SECRET}`)).toBe(true);
      const items = readFileSync(join(out, 'items.jsonl'), 'utf8');
      expect(items).toMatch(/authorization header was Bearer \[redacted\]/);
      for (const format of ['terminal', 'markdown', 'html', 'json', 'csv']) {
        // in-process: the run above is the real process; reports only read its files
        const report = await runCliInProcess(['report', out, '--format', format, '--output', join(reports, `run.${format}`)], { env });
        outputs.push(report);
        expect(report.status).toBe(0);
      }
    } finally {
      await server.close();
    }
    const written = [...filesUnder(out), ...filesUnder(cacheDirectory), ...filesUnder(reports)];
    expect(written.map((file) => file.slice(workspace.length + 1)).sort()).toEqual(
      expect.arrayContaining([
        'run/responses.jsonl',
        'run/items.jsonl',
        'run/summary.json',
        'run/manifest.json',
        'cache/identities.json',
        'reports/run.html',
        'reports/run.csv',
      ]),
    );
    // the full key, and the half a gateway echoes masked (`sk-shopeval-ECH***`)
    const masked = SECRET.slice(0, Math.ceil(SECRET.length / 2));
    for (const file of written)
      expect({ file, leaked: readFileSync(file, 'utf8').includes(SECRET.slice(3)) || readFileSync(file, 'utf8').includes(masked) }).toEqual(
        { file, leaked: false },
      );
    for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(SECRET.slice(3));
    for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(masked);
  }, 120_000);

  it('keeps the key out of the message when the probe itself gets a 401 that echoes it', async () => {
    const server = await startFakeOpenAIServer({ failingRoutes: { 'GET /v1/models': 401 } });
    try {
      const result = await runCliAsync(
        [
          ...openAiDevSetRunArgv('fake-model', `${server.url}/v1`),
          '--api-key',
          SECRET,
          '--out',
          join(temporaryDirectory('probe-echo'), 'run'),
          '--no-cache',
        ],
        { env: isolatedCacheEnv() },
      );
      expect(result.status).toBe(3);
      expect(result.stderr).toMatch(
        /refused the request \(http 401: .*Bearer \[redacted\]\): pass the right key with --api-key or OPENAI_API_KEY/,
      );
      expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET.slice(3));
      expect(server.log.calls).toHaveLength(0);
    } finally {
      await server.close();
    }
  }, 60_000);
});
