import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../reports/golden';
import { runCliInProcess } from '../helpers/cli';

describe('shopeval report and leaderboard commands', () => {
  let workspace: string;
  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'shopeval-report-cli-'));
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('prints the terminal report to stdout', async () => {
    const result = await runCliInProcess(['report', join(ROOT, 'fixtures/runs/dev-baseline'), '--resamples', '100']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Run dev-baseline \(model shop-llm-8b-base\)/);
    expect(result.stdout).toMatch(/Overall 0\.4495 \(PARTIAL RUN, not final\) \[/);
  });

  it('writes each file format to --output', async () => {
    for (const format of ['markdown', 'json', 'csv', 'html']) {
      const output = join(workspace, `report.${format}`);
      const result = await runCliInProcess([
        'report',
        join(ROOT, 'fixtures/runs/dev-candidate'),
        '--format',
        format,
        '--output',
        output,
        '--resamples',
        '50',
      ]);
      expect(result.status).toBe(0);
      expect(result.stderr).toContain(`wrote ${output}`);
      expect(readFileSync(output, 'utf8').length).toBeGreaterThan(500);
    }
  });

  it('writes to stdout with --output - and --output=-', async () => {
    for (const flag of [['--output', '-'], ['--output=-']]) {
      const result = await runCliInProcess([
        'report',
        join(ROOT, 'fixtures/runs/dev-baseline'),
        '--format',
        'json',
        '--resamples',
        '50',
        ...flag,
      ]);
      expect(result.stderr).not.toMatch(/Unknown argument/);
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ document_type: 'shopeval-report' });
    }
  });

  it.each([
    [['--resamples', '0'], /--resamples 0: expected a positive integer/],
    [['--resamples', '-5'], /--resamples -5: expected a positive integer/],
    [['--seed', '2.5'], /--seed 2\.5: expected an integer/],
  ])('rejects %j with exit 2', async (flags, message) => {
    const result = await runCliInProcess(['report', join(ROOT, 'fixtures/runs/dev-baseline'), ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 on a directory that is not a run', async () => {
    const result = await runCliInProcess(['report', workspace]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/summary.json: missing/);
  });

  it('ranks runs from a glob and prints a pivot', async () => {
    const result = await runCliInProcess([
      'leaderboard',
      join(ROOT, 'fixtures/runs/grid/*'),
      '--pivot',
      'rows=lora_rank,cols=mix',
      '--resamples',
      '50',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/6 runs, profile kddcup2024, ranked by overall/);
    expect(result.stdout).toContain('overall by lora_rank and mix');
  });

  it('accepts a parent directory plus a run of the same dataset, and exits 2 on a malformed --pivot', async () => {
    const result = await runCliInProcess([
      'leaderboard',
      join(ROOT, 'fixtures/runs/grid'),
      join(ROOT, 'fixtures/runs/dev-candidate'),
      '--resamples',
      '10',
    ]);
    expect(result.status).toBe(0);
    const bad = await runCliInProcess(['leaderboard', join(ROOT, 'fixtures/runs/grid'), '--pivot', 'lora_rank']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/rows=TAG,cols=TAG/);
  });
});
