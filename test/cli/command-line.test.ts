import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/cli';
import { DEV_SET } from '../e2e/run-fixtures';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'shopeval-cli-'));
const builtin = (out: string): string[] => [
  '--data',
  DEV_SET,
  '--provider',
  'builtin',
  '--limit',
  '1',
  '--embedding-backend',
  'none',
  '--out',
  out,
];

describe('the command line: mistakes get the fix, repeated flags keep the last value', () => {
  it.each([
    [['rnu', '--data', DEV_SET], 'unknown command "rnu"; did you mean run?'],
    [['leaderbord', 'runs'], 'unknown command "leaderbord"; did you mean leaderboard?'],
    [['run', '--data', DEV_SET, '--provider', 'builtin', '--limt', '3'], 'unknown flag --limt; did you mean --limit?'],
    [['score', '--data', DEV_SET, '--predictions', 'p.jsonl', '--profle', 'x'], 'unknown flag --profle; did you mean --profile?'],
    [
      ['run', '--data', DEV_SET, '--provider', 'olama'],
      '--provider olama: expected one of openai-compatible, ollama, replay, builtin; did you mean ollama?',
    ],
    [['run', '--data', DEV_SET, '--provider', 'builtin', '--limit', 'abc'], '--limit abc: expected a positive integer'],
    [['run', '--data', DEV_SET, '--provider', 'builtin', '--timeout'], '--timeout needs a value'],
    [['run', '--provider', 'builtin'], 'run: missing --data'],
    [['report'], 'report: missing arguments'],
    [['run', '--data', DEV_SET, '--provider', 'builtin', '--predictions', 'p.jsonl'], '--predictions is not read by --provider builtin'],
    [
      ['run', '--data', DEV_SET, '--provider', 'replay', '--base-url', 'http://127.0.0.1:1/v1'],
      '--base-url is not read by --provider replay',
    ],
  ])('%j exits 2 with a one-line reason', async (argv, message) => {
    const result = await runCliInProcess(argv);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`shopeval: ${message}`);
    expect(result.stderr).not.toMatch(/YError|\n\s+at /);
  });

  it('keeps the last of a repeated flag', async () => {
    // timeouts long enough that a builtin answer on a loaded 2-core machine never hits them (a hit is exit 1)
    const out = join(scratch(), 'run');
    const result = await runCliInProcess([
      'run',
      ...builtin(out),
      '--timeout',
      '90000',
      '--timeout',
      '60000',
      '--limit',
      '3',
      '--limit',
      '2',
    ]);
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      execution: { timeout_ms: number };
      filters: { limit: number };
    };
    expect(manifest.execution.timeout_ms).toBe(60000);
    expect(manifest.filters.limit).toBe(2);
  });

  it('reads --config given before the command word', async () => {
    const dir = scratch();
    writeFileSync(
      join(dir, 'my.json'),
      JSON.stringify({ run: { provider: 'builtin', concurrency: 3 }, embeddings: { 'embedding-backend': 'none' } }),
    );
    const out = join(dir, 'run');
    const result = await runCliInProcess(['--config', join(dir, 'my.json'), 'run', '--data', DEV_SET, '--limit', '1', '--out', out]);
    expect(result.stderr).toBe(result.stderr.replace(/shopeval: /, '')); // no error
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { execution: { concurrency: number } };
    expect(manifest.execution.concurrency).toBe(3);
  });

  it('says what happened to the items, in one line', async () => {
    const out = join(scratch(), 'run');
    const first = await runCliInProcess(['run', ...builtin(out)]);
    expect(first.stderr).toMatch(/^18 of 18 items answered \(18 new\)$/m);
    const again = await runCliInProcess(['run', ...builtin(out)]);
    expect(again.stderr).toMatch(/^18 of 18 items answered \(18 from the run directory's earlier answers\)$/m);
    expect(first.stdout).toMatch(/│ Track 2 knowledge reasoning +│ track mean +│ +3 tasks │/);
  });

  it('says why a task is unscored once per run, pointing at summary.json for the rest', async () => {
    const out = join(scratch(), 'run');
    const result = await runCliInProcess(['run', ...builtin(out), '--tasks', 'task1,task2']);
    expect(result.status).toBe(0);
    const said = `${result.stdout}${result.stderr}`.split('sent-transformer scoring is switched off');
    expect(said).toHaveLength(2);
    expect(result.stdout).toContain(
      `(why, and how to fix it: ${join(out, 'summary.json')}):\n  task1: sent-transformer scoring is switched off (--embedding-backend none)\n`,
    );
    expect(result.stdout).toMatch(/│ Track 1 shopping concepts +│ track mean +│ +1 task │/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { left_out: { reason: string }[] };
    expect(summary.left_out[0]?.reason).toBe(
      'sent-transformer scoring is switched off (--embedding-backend none). To score it: choose local, openai or ollama',
    );
  });
});
