import { buildRunReport } from '../../src/reports/documents/build-run-report';
import { compareRuns } from '../../src/reports/documents/compare-runs';
import { REPORTERS } from '../../src/reports/render/reporters';
import { fixtureRun } from './golden';
import { validateDocument } from './schema-validator';

describe('latency, tokens and settings in every report format', () => {
  const run = fixtureRun('dev-candidate');
  const report = buildRunReport(run, { resamples: 20 });
  const timing = run.manifest.timing;

  it('carries the manifest figures and settings into the document', () => {
    expect(timing).toBeDefined();
    expect(report.timing).toEqual(timing);
    expect(report.duration_seconds).toBe(90);
    expect(report.settings).toContainEqual({ name: 'prompt.temperature', value: '0' });
    expect(report.settings).toContainEqual({ name: 'prompt.system_preset', value: 'starter-kit' });
    expect(validateDocument('report', report)).toEqual([]);
  });

  it.each(['terminal', 'markdown', 'csv'] as const)('%s shows the p50 latency of the run and of a task', (format) => {
    const text = REPORTERS[format].report(report);
    const p50 = timing?.overall.latency_ms?.p50 ?? Number.NaN;
    const task = timing?.tasks['task2']?.latency_ms?.p50 ?? Number.NaN;
    expect(text).toContain(format === 'csv' ? `,${task},` : p50.toFixed(1));
    if (format !== 'csv') expect(text).toMatch(/prompt\.temperature.*0/);
  });

  it('html shows the table and the settings', () => {
    const html = REPORTERS.html.report(report, run.items);
    expect(html).toContain('<h2>Latency and tokens</h2>');
    expect(html).toContain((timing?.overall.latency_ms?.p50 ?? Number.NaN).toFixed(1));
    expect(html).toContain('<th>prompt.system_preset</th><td>starter-kit</td>');
  });

  it("compare puts both runs' latency and tokens, and their difference, beside each score difference", () => {
    const baseline = fixtureRun('dev-baseline');
    const comparison = compareRuns(baseline, run, { resamples: 20, allowDifferentDatasets: false });
    const before = baseline.manifest.timing?.overall.latency_ms?.p50 ?? Number.NaN;
    const after = timing?.overall.latency_ms?.p50 ?? Number.NaN;
    expect(comparison.overall.timing?.latency_p50_ms).toEqual({
      baseline: before,
      candidate: after,
      difference: Math.round((after - before) * 1000) / 1000,
    });
    expect(comparison.tasks.find((entry) => entry.name === 'task2')?.timing?.completion_tokens.candidate).toBe(
      timing?.tasks['task2']?.completion_tokens,
    );
    expect(REPORTERS.terminal.comparison(comparison)).toContain(`${before.toFixed(1)} → ${after.toFixed(1)}`);
    expect(validateDocument('comparison', comparison)).toEqual([]);
  });
});
