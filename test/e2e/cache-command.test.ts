import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { isolatedCacheEnv, runCliAsync } from '../helpers/cli';
import { waitFor } from '../helpers/wait';
import { devSetAnswers, openAiDevSetRunArgv, temporaryDirectory } from './run-fixtures';

function responseFile(cache: string): string {
  const name = readdirSync(cache).find((file) => file.startsWith('responses-'));
  if (name === undefined) throw new Error('no response file');
  return join(cache, name);
}

const lineCount = (path: string): number =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '').length;

describe('shopeval cache stats|compact|clear (built CLI)', () => {
  it('keeps the cache to its live entries, refuses while a run uses it, and answers as before after compaction', async () => {
    let slow = true; // the first run is kept busy (800 ms an answer) until compact has been refused, then let go
    const server = await startFakeOpenAIServer({ answer: await devSetAnswers(), latencyMs: () => (slow ? 800 : 0) });
    const workspace = temporaryDirectory('cache-command');
    const cache = join(workspace, 'cache');
    const env = isolatedCacheEnv();
    const run = (out: string, extra: string[] = []): ReturnType<typeof runCliAsync> =>
      runCliAsync(
        [
          ...openAiDevSetRunArgv('fake-model', `${server.url}/v1`),
          '--out',
          join(workspace, out),
          '--cache-dir',
          cache,
          '--concurrency',
          '4',
          '--embedding-backend',
          'none',
          ...extra,
        ],
        { env },
      );
    try {
      const first = run('first');
      await waitFor(
        () => existsSync(join(workspace, 'first', 'responses.jsonl')) && readdirSync(cache).some((file) => file.startsWith('responses-')),
        30_000,
      );
      const busy = await runCliAsync(['cache', 'compact', '--cache-dir', cache], { env });
      expect(busy.status).toBe(2);
      expect(busy.stderr).toMatch(/is in use by shopeval process \d+/);
      slow = false;
      expect((await first).status).toBe(0);
      const file = responseFile(cache);
      expect(lineCount(file)).toBe(96);
      // what several processes answering the same items leave: every answer twice, and a torn line
      appendFileSync(file, readFileSync(file, 'utf8') + '{"key": "torn');
      appendFileSync(file, '\n');
      const stats = await runCliAsync(['cache', 'stats', '--cache-dir', cache], { env });
      expect(stats.stdout).toMatch(/1 response files, 193 lines, 96 live entries/);
      const compacted = await runCliAsync(['cache', 'compact', '--cache-dir', cache], { env });
      expect(compacted.status).toBe(0);
      expect(compacted.stdout).toMatch(/193 lines .* -> 96 lines/);
      expect(lineCount(file)).toBe(96);
      const calls = server.log.calls.length;
      const offline = await run('offline', ['--cache-only']);
      expect(offline.status).toBe(0);
      expect(server.log.calls.length).toBe(calls); // every answer still came from the cache
      expect(readFileSync(join(workspace, 'offline', 'summary.json'), 'utf8').replace(/"items_sha256".*/, '')).toBe(
        readFileSync(join(workspace, 'first', 'summary.json'), 'utf8').replace(/"items_sha256".*/, ''),
      );
      const cleared = await runCliAsync(['cache', 'clear', '--cache-dir', cache], { env });
      expect(cleared.stdout).toMatch(/removed 96 cached answers/);
      expect(readdirSync(cache).filter((name) => name.startsWith('responses-'))).toEqual([]);
    } finally {
      await server.close();
    }
  }, 180_000);
});
