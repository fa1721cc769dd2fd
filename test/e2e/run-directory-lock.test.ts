import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { DEV_SET, isolatedCacheEnv, runCliAsync } from '../helpers/cli';
import { waitFor } from '../helpers/wait';
import { temporaryDirectory } from './run-fixtures';

const LOCK = '.shopeval.lock';

describe('a run directory is locked: one process at a time (built CLI)', () => {
  it('refuses a second run, and a second run with --force, while the first one runs; the first run stays whole', async () => {
    let slow = true; // the first run is kept busy (400 ms an answer) until the other two have been refused, then let go
    const server = await startFakeOpenAIServer({ latencyMs: () => (slow ? 400 : 0) });
    const out = join(temporaryDirectory('lock'), 'run');
    const base = [
      'run',
      '--data',
      DEV_SET,
      '--provider',
      'openai-compatible',
      '--base-url',
      `${server.url}/v1`,
      '--out',
      out,
      '--no-cache',
      '--concurrency',
      '2',
      '--embedding-backend',
      'none',
    ];
    const env = isolatedCacheEnv();
    try {
      const first = runCliAsync([...base, '--model', 'fake-model'], { env });
      await waitFor(() => existsSync(join(out, 'responses.jsonl')), 30_000);
      const holder = JSON.parse(readFileSync(join(out, LOCK), 'utf8')) as { pid: number };
      const [second, forced] = await Promise.all([
        runCliAsync([...base, '--model', 'fake-model'], { env }),
        runCliAsync([...base, '--model', 'other-model', '--force'], { env }),
      ]);
      expect(existsSync(join(out, 'summary.json'))).toBe(false); // the first run was still running
      slow = false;
      for (const refused of [second, forced]) {
        expect(refused.status).toBe(2);
        expect(refused.stderr).toContain(`is in use by shopeval process ${holder.pid} on ${hostname()}`);
      }
      const done = await first;
      expect(done.status).toBe(0);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { model: string };
      expect(manifest.model).toBe('fake-model');
      const lines = readFileSync(join(out, 'responses.jsonl'), 'utf8').trim().split('\n');
      expect(lines).toHaveLength(96); // each item asked once: no second process sent any
      expect(server.log.calls.every((call) => call.body['model'] === 'fake-model')).toBe(true);
      expect(existsSync(join(out, LOCK))).toBe(false); // released at the end
    } finally {
      await server.close();
    }
  }, 120_000);

  it('takes over the lock a killed process left (its pid runs no more)', async () => {
    const out = join(temporaryDirectory('stale-lock'), 'run');
    mkdirSync(out, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(
      join(out, LOCK),
      JSON.stringify({ pid: Number(dead.stdout), host: hostname(), command: 'shopeval run', started_at: '2026-01-01T00:00:00Z' }),
    );
    writeFileSync(join(out, '.items.jsonl.999999-0a0b0c0d.shopeval-tmp'), 'half a file');
    const result = await runCliAsync(['run', '--data', DEV_SET, '--provider', 'builtin', '--out', out, '--embedding-backend', 'none'], {
      env: isolatedCacheEnv(),
    });
    expect(result.status).toBe(0);
    expect(existsSync(join(out, LOCK))).toBe(false);
    expect(existsSync(join(out, '.items.jsonl.999999-0a0b0c0d.shopeval-tmp'))).toBe(false); // a dead process's temporary file is removed
  }, 60_000);
});
