import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { isolatedCacheEnv, runCliInProcess, spawnCli } from '../helpers/cli';
import { lineCount, waitFor } from '../helpers/wait';
import { DEV_SET, devSetAnswers, temporaryDirectory } from './run-fixtures';

/** Starts the built CLI, and once `ready()` holds sends it `signal`; resolves with its exit code and stderr. */
async function runAndSignal(
  args: readonly string[],
  signal: NodeJS.Signals,
  ready: () => boolean,
): Promise<{ code: number | null; stderr: string }> {
  const { child, exit, stderr } = spawnCli(['run', ...args], { env: isolatedCacheEnv() });
  await waitFor(ready, 60_000);
  child.kill(signal);
  return { code: await exit, stderr: stderr() };
}

describe('shopeval run stopped by SIGINT / SIGTERM (built CLI)', () => {
  it('says how far it got and how to resume, exits 130, and resumes without asking any item twice', async () => {
    let admit = 30;
    const admitted = () => server.log.calls.filter((call) => call.fault === undefined).length;
    const server = await startFakeOpenAIServer({ answer: await devSetAnswers(), faults: () => (admitted() >= admit ? 'hold' : undefined) });
    try {
      const out = join(temporaryDirectory('interrupt'), 'run');
      const log = join(out, 'responses.jsonl');
      const args = [
        '--data',
        DEV_SET,
        '--provider',
        'openai-compatible',
        '--model',
        'fake-model',
        '--base-url',
        `${server.url}/v1`,
        '--out',
        out,
        '--no-cache',
        '--concurrency',
        '4',
        '--embedding-backend',
        'none',
      ];
      const held = () => lineCount(log) >= admit && server.log.calls.some((call) => call.fault === 'hold');

      const first = await runAndSignal(args, 'SIGINT', held);
      expect(first.stderr.startsWith(`run directory: ${out}\n`)).toBe(true);
      expect(first.stderr).toContain(`interrupted: 30 of 96 items answered; resume with --out ${out}\n`);
      expect(first.code).toBe(130);
      expect(lineCount(log)).toBe(30);
      expect(readFileSync(log, 'utf8').endsWith('\n')).toBe(true);
      expect(existsSync(join(out, 'summary.json'))).toBe(false);

      admit = 60;
      const second = await runAndSignal(args, 'SIGTERM', held);
      expect(second.stderr).toMatch(/resuming: 30 of 96 items already answered/);
      expect(second.stderr).toContain(`interrupted: 60 of 96 items answered; resume with --out ${out}\n`);
      expect(second.code).toBe(130);

      admit = Infinity;
      const last = await runCliInProcess(['run', ...args], { env: isolatedCacheEnv() }); // no signal: no process needed
      expect(last.status).toBe(0);
      expect(last.stderr).toMatch(/resuming: 60 of 96 items already answered/);
      const dataset = await loadDataset(DEV_SET);
      const rowsPerPrompt = new Map<string, number>();
      for (const row of dataset.rows) rowsPerPrompt.set(row.input, (rowsPerPrompt.get(row.input) ?? 0) + 1);
      expect(server.log.answered).toEqual(rowsPerPrompt); // each item answered once over the three processes
    } finally {
      await server.close();
    }
  }, 120_000);
});
