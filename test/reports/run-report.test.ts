import { buildRunReport } from '../../src/reports/build-run-report';
import { REPORTERS } from '../../src/reports/reporters';
import { expectGolden, fixtureRun } from './golden';
import { validateDocument } from './schema-validator';

describe('run report of fixture runs (scored by the real pipeline from the dev set)', () => {
  for (const name of ['dev-candidate', 'dev-baseline']) {
    const run = fixtureRun(name);
    const report = buildRunReport(run, { seed: 0, resamples: 1000 });

    it(`${name}: matches the golden Markdown and JSON`, () => {
      expectGolden(`${name}.report.md`, REPORTERS.markdown.report(report));
      expectGolden(`${name}.report.json`, REPORTERS.json.report(report));
    });

    it(`${name}: is a valid shopeval-report document whose intervals bracket the scores`, () => {
      expect(validateDocument('report', report)).toEqual([]);
      expect(validateDocument('report', { ...report, schema_version: 2 })).not.toEqual([]);
      expect(report.warnings).toEqual([]);
      for (const entry of [report.overall, ...report.tracks, ...report.tasks.filter((task) => task.status === 'scored')]) {
        expect(entry.low).not.toBeNull();
        expect(entry.low ?? Infinity).toBeLessThanOrEqual((entry.score ?? -Infinity) + 1e-12);
        expect(entry.high ?? -Infinity).toBeGreaterThanOrEqual((entry.score ?? Infinity) - 1e-12);
      }
    });
  }

  it('reports API errors and unparseable answers per task, and unscored tasks without an interval', () => {
    const report = buildRunReport(fixtureRun('dev-baseline'), { resamples: 200 });
    expect(report.counts.api_errors).toBeGreaterThan(0);
    expect(report.tasks.reduce((sum, task) => sum + task.api_errors, 0)).toBe(report.counts.api_errors);
    const task1 = report.tasks.find((task) => task.task_name === 'task1');
    expect(task1).toMatchObject({ status: 'unscored', score: null, low: null, high: null });
    expect(REPORTERS.terminal.report(report)).toContain('n/a (unscored)');
  });

  it('is reproducible for a seed and changes with it', () => {
    const run = fixtureRun('dev-candidate');
    const first = buildRunReport(run, { seed: 5, resamples: 300 });
    expect(buildRunReport(run, { seed: 5, resamples: 300 }).overall).toEqual(first.overall);
    expect(buildRunReport(run, { seed: 6, resamples: 300 }).overall).not.toEqual(first.overall);
  });

  it('warns when items.jsonl disagrees with summary.json', () => {
    const run = fixtureRun('dev-candidate');
    const tampered = { ...run, items: run.items.map((item) => (item.task_name === 'task2' ? { ...item, score: 0 } : item)) };
    expect(buildRunReport(tampered, { resamples: 50 }).warnings.join('\n')).toMatch(/task2: items.jsonl gives 0 but summary.json says 0.75/);
  });

  it('writes one CSV row per task with RFC 4180 quoting', () => {
    const report = buildRunReport(fixtureRun('dev-candidate'), { resamples: 50 });
    const csv = REPORTERS.csv.report({ ...report, tasks: report.tasks.map((task, index) => (index === 0 ? { ...task, reason: 'a "quoted", reason\nsecond line' } : task)) });
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^task_name,track_name,track,task_type,metric,status,n,/);
    expect(lines[1]).toMatch(/^task1,Track 1 shopping concepts,amazon-kdd-cup-24-understanding-shopping-concepts,/);
    expect(csv).toContain('"a ""quoted"", reason\nsecond line"');
    expect(lines.filter((line) => /^task\d+,/.test(line))).toHaveLength(report.tasks.length);
  });
});
