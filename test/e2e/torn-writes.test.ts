import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRunDirectory } from '../../src/reports/load/load-run';
import { REPO_ROOT, isolatedCacheEnv, runCliAsync } from '../helpers/cli';
import { devSetRows, isSemanticRow, temporaryDirectory } from './run-fixtures';

const TRIALS = 6;

/** A dataset of `copies` x the dev set (explicit ids, no semantic metrics) and two predictions files for it. */
function bigInputs(workspace: string, copies: number): { data: string; perfect: string; poor: string } {
  const rows = devSetRows().filter((row) => !isSemanticRow(row));
  const all = Array.from({ length: copies }, (_, copy) =>
    rows.map((row, index): Record<string, unknown> => ({ ...row, id: `c${copy}-${index}` })),
  ).flat();
  const data = join(workspace, 'big.jsonl');
  writeFileSync(data, all.map((row) => JSON.stringify(row)).join('\n') + '\n');
  const perfect = join(workspace, 'perfect.jsonl');
  writeFileSync(
    perfect,
    all
      .map((row) =>
        JSON.stringify({
          id: row['id'],
          output: typeof row['output_field'] === 'string' ? row['output_field'] : JSON.stringify(row['output_field']),
        }),
      )
      .join('\n') + '\n',
  );
  const poor = join(workspace, 'poor.jsonl');
  writeFileSync(poor, all.map((row) => JSON.stringify({ id: row['id'], output: 'no idea' })).join('\n') + '\n');
  return { data, perfect, poor };
}

/** Spawns the built CLI and kills it with SIGKILL after `delayMs` (or lets it finish first); resolves when it is gone. */
function killAfter(args: readonly string[], delayMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'shopeval.js'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...isolatedCacheEnv() },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve(status);
    });
  });
}

async function timed(args: readonly string[]): Promise<number> {
  const started = Date.now();
  const result = await runCliAsync(args, { env: isolatedCacheEnv() });
  expect(result.status).toBe(0);
  return Date.now() - started;
}

/** A deterministic spread of kill times over the second half of a run, where the files are written. */
function killTimes(durationMs: number): number[] {
  return Array.from({ length: TRIALS }, (_, trial) => Math.round(durationMs * (0.45 + (0.6 * trial) / TRIALS)));
}

describe('kill -9 while writing leaves the old complete set or the new complete set (built CLI)', () => {
  it('score --out into an existing score directory', async () => {
    const workspace = temporaryDirectory('torn-score');
    const inputs = bigInputs(workspace, 60);
    const out = join(workspace, 'scores');
    const score = (predictions: string): string[] => [
      'score',
      '--data',
      inputs.data,
      '--predictions',
      predictions,
      '--out',
      out,
      '--embedding-backend',
      'none',
    ];
    await timed(score(inputs.perfect));
    const perfect = loadRunDirectory(out);
    const duration = await timed(score(inputs.poor));
    const poor = loadRunDirectory(out);
    expect(perfect.summary.overall).not.toBe(poor.summary.overall);
    for (const [trial, delay] of killTimes(duration).entries()) {
      await killAfter(score(trial % 2 === 0 ? inputs.perfect : inputs.poor), delay);
      const loaded = loadRunDirectory(out); // never a mixed set: the hash check would throw
      const which = loaded.summary.overall === perfect.summary.overall ? 'perfect' : 'poor';
      expect(loaded.summary.overall).toBe(which === 'perfect' ? perfect.summary.overall : poor.summary.overall);
      expect(loaded.items.map((item) => item.score)).toEqual((which === 'perfect' ? perfect : poor).items.map((item) => item.score));
    }
    await timed(score(inputs.poor));
    expect(readdirSync(out).filter((name) => name.includes('tmp') || name.includes('pending'))).toEqual([]); // the next start cleaned up
  }, 600_000);

  it('report --output over an existing report', async () => {
    const workspace = temporaryDirectory('torn-report');
    const inputs = bigInputs(workspace, 60);
    const runs = { perfect: join(workspace, 'perfect'), poor: join(workspace, 'poor') };
    await timed(['score', '--data', inputs.data, '--predictions', inputs.perfect, '--out', runs.perfect, '--embedding-backend', 'none']);
    await timed(['score', '--data', inputs.data, '--predictions', inputs.poor, '--out', runs.poor, '--embedding-backend', 'none']);
    const output = join(workspace, 'report.html');
    const report = (run: string): string[] => ['report', run, '--format', 'html', '--output', output, '--resamples', '200'];
    await timed(report(runs.perfect));
    const complete = { perfect: readFileSync(output, 'utf8') };
    const duration = await timed(report(runs.poor));
    const poor = readFileSync(output, 'utf8');
    const versions = new Set([complete.perfect, poor]);
    for (const [trial, delay] of killTimes(duration).entries()) {
      await killAfter(report(trial % 2 === 0 ? runs.perfect : runs.poor), delay);
      expect(versions.has(readFileSync(output, 'utf8'))).toBe(true); // whole, never truncated
    }
    await timed(report(runs.poor));
    expect(readdirSync(workspace).filter((name) => name.includes('tmp'))).toEqual([]);
  }, 600_000);
});
