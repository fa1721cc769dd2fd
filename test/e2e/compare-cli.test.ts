import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomCorrectness, syntheticRun, writeRun } from '../reports/synthetic-run';
import { runCliInProcess } from '../helpers/cli';

const SHAPE = { itemsPerTask: 150, tasksPerTrack: 3 };

describe('shopeval compare exit codes', () => {
  let workspace: string;
  let baseline: string;
  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'shopeval-compare-'));
    const base = randomCorrectness(0.7, 11);
    baseline = writeRun(join(workspace, 'baseline'), syntheticRun('baseline', base, SHAPE));
    writeRun(join(workspace, 'regressed'), syntheticRun('regressed', randomCorrectness(0.55, 12), SHAPE));
    writeRun(join(workspace, 'improved'), syntheticRun('improved', randomCorrectness(0.85, 13), SHAPE));
    // noise: another checkpoint with the same true accuracy, so differences are sampling noise only
    writeRun(join(workspace, 'noise'), syntheticRun('noise', randomCorrectness(0.7, 14), SHAPE));
    writeRun(join(workspace, 'other-data'), syntheticRun('other-data', base, { ...SHAPE, sha256: 'e'.repeat(64) }));
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('exits 1 on a clear regression and says why', async () => {
    const result = await runCliInProcess(['compare', baseline, join(workspace, 'regressed'), '--fail-on-regression', '--resamples', '400']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /FAIL: candidate is worse by more than 0 with the 98\.33% interval \(Bonferroni over 3 checked scores\) excluding 0 on overall -0\.\d+/,
    );
    expect(result.stdout).toMatch(/OVERALL .* worse/);
  });

  it('exits 0 on a clear improvement', async () => {
    const result = await runCliInProcess(['compare', baseline, join(workspace, 'improved'), '--fail-on-regression', '--resamples', '400']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/PASS: no regression/);
    expect(result.stdout).toMatch(/OVERALL .* better/);
  });

  it('exits 0 on noise, with no clear change overall', async () => {
    const result = await runCliInProcess(['compare', baseline, join(workspace, 'noise'), '--fail-on-regression', '--resamples', '400']);
    expect(result.stdout + result.stderr).not.toMatch(/FAIL/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/OVERALL .* no clear change/);
  });

  it('a tolerance larger than the drop lets a regression pass', async () => {
    const result = await runCliInProcess([
      'compare',
      baseline,
      join(workspace, 'regressed'),
      '--fail-on-regression',
      '--tolerance',
      '0.5',
      '--resamples',
      '200',
    ]);
    expect(result.status).toBe(0);
  });

  it('exits 2 for runs on different datasets, and compares the intersection with a loud warning when allowed', async () => {
    const refused = await runCliInProcess(['compare', baseline, join(workspace, 'other-data')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/different datasets.*\n.*--allow-different-datasets/);
    const allowed = await runCliInProcess([
      'compare',
      baseline,
      join(workspace, 'other-data'),
      '--allow-different-datasets',
      '--format',
      'json',
      '--output=-',
      '--resamples',
      '100',
    ]);
    expect(allowed.stderr).not.toMatch(/shopeval:/);
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).toMatch(/warning: DIFFERENT DATASETS/);
    expect(JSON.parse(allowed.stdout)).toMatchObject({
      document_type: 'shopeval-comparison',
      items: { same_dataset: false, compared: 900 },
    });
  });

  it('exits 2 for a missing directory or an unknown gated task', async () => {
    expect((await runCliInProcess(['compare', baseline, join(workspace, 'nope')])).status).toBe(2);
    const unknown = await runCliInProcess([
      'compare',
      baseline,
      join(workspace, 'noise'),
      '--fail-on-regression',
      '--tasks',
      'no-such-task',
      '--resamples',
      '50',
    ]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no-such-task/);
  });

  it.each([
    [['--resamples', '0'], /--resamples 0: expected a positive integer/],
    [['--resamples', '-5'], /--resamples -5: expected a positive integer/],
    [['--seed', '0.5'], /--seed 0\.5: expected an integer/],
    [['--tolerance', '-1'], /--tolerance -1: expected a finite number >= 0/],
    [['--tolerance', 'Infinity'], /--tolerance Infinity: expected a finite number >= 0/],
    [['--tolerance', 'abc'], /--tolerance abc: expected a finite number >= 0/],
  ])('rejects %j with exit 2 instead of a silent PASS', async (flags, message) => {
    const result = await runCliInProcess(['compare', baseline, join(workspace, 'regressed'), '--fail-on-regression', ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('writes to stdout with --output - (and --output=-)', async () => {
    for (const flag of [['--output', '-'], ['--output=-']]) {
      const result = await runCliInProcess([
        'compare',
        baseline,
        join(workspace, 'noise'),
        '--format',
        'json',
        '--resamples',
        '50',
        ...flag,
      ]);
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ document_type: 'shopeval-comparison', items: { dropped: { total: 0 } } });
    }
  });

  it('gates on a selected task', async () => {
    const result = await runCliInProcess([
      'compare',
      baseline,
      join(workspace, 'regressed'),
      '--tolerance',
      '0.5',
      '--fail-on-regression',
      '--tasks',
      'track-a-task0',
      '--resamples',
      '200',
    ]);
    expect(result.stdout).toMatch(/track-a-task0/);
  });
});
