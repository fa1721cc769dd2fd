import { buildRunReport } from '../../src/reports/documents/build-run-report';
import { REPORTERS } from '../../src/reports/render/reporters';
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
    expect(buildRunReport(tampered, { resamples: 50 }).warnings.join('\n')).toMatch(
      /task2: items.jsonl gives 0 but summary.json says 0.75/,
    );
  });

  it('writes one CSV row per task with RFC 4180 quoting', () => {
    const report = buildRunReport(fixtureRun('dev-candidate'), { resamples: 50 });
    const csv = REPORTERS.csv.report({
      ...report,
      tasks: report.tasks.map((task, index) => (index === 0 ? { ...task, reason: 'a "quoted", reason\nsecond line' } : task)),
    });
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^task_name,track_name,track,task_type,metric,status,n,/);
    expect(lines[1]).toMatch(/^task1,Track 1 shopping concepts,amazon-kdd-cup-24-understanding-shopping-concepts,/);
    expect(csv).toContain('"a ""quoted"", reason\nsecond line"');
    expect(lines.filter((line) => /^task\d+,/.test(line))).toHaveLength(report.tasks.length);
  });

  it('says a run with API errors is partial in every format, with the coverage of each incomplete track', () => {
    const report = buildRunReport(fixtureRun('dev-baseline'), { resamples: 50 });
    expect(report.completeness).toMatchObject({ complete: false, items: 96, answered: 93, api_errors: 3 });
    expect(report.completeness.tracks.find((track) => track.track === 'amazon-kdd-cup-24-shopping-knowledge-reasoning')).toEqual({
      track: 'amazon-kdd-cup-24-shopping-knowledge-reasoning',
      items: 16,
      answered: 15,
      coverage: 15 / 16,
    });
    expect(REPORTERS.terminal.report(report)).toMatch(/^Overall 0\.\d{4} \(PARTIAL RUN, not final\)/m);
    expect(REPORTERS.terminal.report(report)).toMatch(
      /PARTIAL RUN: 93 of 96 items answered .*\n {2}Coverage of incomplete tracks: Track 1 shopping concepts 39\/40, Track 2 knowledge reasoning 15\/16/,
    );
    expect(REPORTERS.markdown.report(report)).toMatch(/\*\*Overall 0\.\d{4} \(partial run, not final\)\*\*/);
    expect(REPORTERS.html.report(report, fixtureRun('dev-baseline').items)).toMatch(
      /<p class="warning partial-run">PARTIAL RUN: 93 of 96 items answered/,
    );
    expect(REPORTERS.csv.report(report).split('\r\n')[1]).toMatch(/,false,(,|[^,]*,)/);
    expect(REPORTERS.csv.report(report).split('\r\n')[0]).toMatch(
      /,answered,run_complete,embedder,embedder_official,latency_p50_ms,latency_p95_ms,latency_max_ms,prompt_tokens,completion_tokens,tokens_per_second,items_per_second$/,
    );
    const complete = buildRunReport(fixtureRun('dev-candidate'), { resamples: 50 });
    expect(complete.completeness.complete).toBe(true);
    expect(REPORTERS.terminal.report(complete)).not.toMatch(/PARTIAL/);
  });

  it('names the embedder of each semantic task, and whether it is the official model, in every format', () => {
    const run = fixtureRun('dev-candidate');
    const scored = {
      ...run,
      summary: {
        ...run.summary,
        embeddings: { 'sent-transformer': { embedder: 'openai:http://127.0.0.1:1/v1#my-minilm', official: false } },
        tasks: run.summary.tasks.map((task) =>
          task.metric === 'sent-transformer'
            ? { ...task, embedder: { name: 'openai:http://127.0.0.1:1/v1#my-minilm', official: false } }
            : task,
        ),
      },
    };
    const report = buildRunReport(scored, { resamples: 20 });
    expect(validateDocument('report', report)).toEqual([]);
    expect(report.tasks.find((task) => task.task_name === 'task1')?.embedder).toEqual({
      name: 'openai:http://127.0.0.1:1/v1#my-minilm',
      official: false,
    });
    for (const rendered of [REPORTERS.terminal.report(report), REPORTERS.markdown.report(report), REPORTERS.html.report(report, [])]) {
      expect(rendered).toContain('sent-transformer: openai:http://127.0.0.1:1/v1#my-minilm (NOT the official model');
    }
    expect(REPORTERS.csv.report(report)).toMatch(/\ntask1,.*,openai:http:\/\/127\.0\.0\.1:1\/v1#my-minilm,false,[\d.]+,/);
  });
});
