import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../reports/golden';
import { runCliInProcess } from '../helpers/cli';

const DEV_SET = 'fixtures/datasets/shopbench-dev.jsonl';
const GRID = join(ROOT, 'fixtures', 'runs', 'grid');

function markUnfinished(directory: string): void {
  const manifestFile = join(directory, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(manifestFile, JSON.stringify({ ...manifest, ended_at: null }));
  rmSync(join(directory, 'summary.json'));
}

describe('shopeval leaderboard, compare and report on filtered, unfinished and API-error runs', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'shopeval-board-'));
    for (const [name, extra] of [
      ['full-1', []],
      ['full-2', []],
      ['filtered', ['--limit', '1', '--tracks', 'amazon-kdd-cup-24-multi-lingual-abilities']],
    ] as const) {
      const seed = name === 'full-2' ? '2' : '1';
      const result = await runCliInProcess([
        'run',
        '--data',
        DEV_SET,
        '--provider',
        'builtin',
        '--model',
        'random',
        '--seed',
        seed,
        '--no-cache',
        '--out',
        join(workspace, 'runs', name),
        ...extra,
      ]);
      if (result.status !== 0) throw new Error(result.stderr);
    }
    cpSync(join(workspace, 'runs', 'full-2'), join(workspace, 'half', 'unfinished'), { recursive: true });
    markUnfinished(join(workspace, 'half', 'unfinished'));
    cpSync(join(workspace, 'runs', 'full-1'), join(workspace, 'half', 'done'), { recursive: true });
  }, 120000);
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('refuses (exit 2) a leaderboard mixing a --limit/--tracks run with full runs, naming the odd run', async () => {
    const result = await runCliInProcess(['leaderboard', join(workspace, 'runs', '*'), '--resamples', '20']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/not comparable \(different profiles, datasets or item sets\); odd runs: filtered \(/);
  });

  it('compare refuses a filtered run like a different dataset, and intersects with a warning when allowed', async () => {
    const refused = await runCliInProcess([
      'compare',
      join(workspace, 'runs', 'full-1'),
      join(workspace, 'runs', 'filtered'),
      '--fail-on-regression',
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/cover different items of the same dataset/);
    const allowed = await runCliInProcess([
      'compare',
      join(workspace, 'runs', 'full-1'),
      join(workspace, 'runs', 'filtered'),
      '--allow-different-datasets',
      '--resamples',
      '50',
    ]);
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).toMatch(/warning: DIFFERENT ITEM SETS: comparing only the \d+ items both runs share/);
  });

  it('report and compare on an unfinished run say how to resume it (exit 2)', async () => {
    const unfinished = join(workspace, 'half', 'unfinished');
    for (const argv of [
      ['report', unfinished],
      ['compare', join(workspace, 'half', 'done'), unfinished],
    ]) {
      const result = await runCliInProcess(argv);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        `this run has not finished: resume it with \`shopeval run --data ${DEV_SET} --provider builtin --model random ... --out ${unfinished}\``,
      );
    }
  });

  it('leaderboard warns about an unfinished run a glob matched instead of skipping it silently', async () => {
    const result = await runCliInProcess(['leaderboard', join(workspace, 'half', '*'), '--resamples', '20']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`warning: .*half/unfinished: this run has not finished and is left out: resume it with`));
    expect(result.stdout).toMatch(/1 runs/);
  });

  it('marks runs with API errors next to the score and warns about them', async () => {
    const result = await runCliInProcess([
      'leaderboard',
      join(ROOT, 'fixtures', 'runs', 'dev-*'),
      '--resamples',
      '20',
      '--format',
      'markdown',
      '--output',
      '-',
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /warning: dev-baseline: PARTIAL RUN, 93 of 96 items answered; \d+ API errors left out of its scores, which may be inflated and are not final \(marked !\)/,
    );
    expect(result.stdout).toMatch(/\| dev-baseline \|.*\| 0\.\d{4} ! partial \|/);
    expect(result.stdout).toMatch(/\| dev-oracle \|.*\| 1\.0000 \|/);
    expect(result.stdout).toMatch(/! partial = a partial run/);
  });

  it('accepts --output - and --output=- for stdout', async () => {
    for (const flag of [['--output', '-'], ['--output=-']]) {
      const result = await runCliInProcess(['leaderboard', GRID, '--resamples', '20', '--format', 'json', ...flag]);
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ document_type: 'shopeval-leaderboard' });
    }
  });

  it.each([
    [['--resamples', '0'], /--resamples 0: expected a positive integer/],
    [['--resamples', '-5'], /--resamples -5: expected a positive integer/],
    [['--resamples', '2.5'], /--resamples 2\.5: expected a positive integer/],
    [['--seed', '1.5'], /--seed 1\.5: expected an integer/],
    [['--seed', 'abc'], /--seed abc: expected an integer/],
  ])('rejects %j with exit 2', async (flags, message) => {
    const result = await runCliInProcess(['leaderboard', GRID, ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
