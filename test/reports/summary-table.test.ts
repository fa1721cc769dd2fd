import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRunReport } from '../../src/reports/documents/build-run-report';
import { renderReportTerminal } from '../../src/reports/render/render-report-terminal';
import { renderSummaryTable } from '../../src/reports/render/summary-table';
import type { RunSummary } from '../../src/scoring/records';
import { fixtureRun, ROOT } from './golden';

const summary = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'runs', 'dev-baseline', 'summary.json'), 'utf8')) as RunSummary;
const HOW = 'put its ONNX export (config.json, tokenizer.json, onnx/model.onnx) in a directory and pass --sent-transformer-model DIR';
const REASON = `no local copy of sentence-transformers/all-MiniLM-L6-v2 was found. To score it: ${HOW}`;
/** Two tasks left out for the same long reason, as a dataset with two sent-transformer tasks gives. */
const twoUnscored: RunSummary = {
  ...summary,
  left_out: [
    { task_name: 'task1', reason: REASON },
    { task_name: 'task6', reason: REASON },
  ],
};

describe('the terminal summary table says each unscored reason once', () => {
  it('shows the short reason once for all its tasks, and where the full one is, when a summary.json was written', () => {
    const text = renderSummaryTable(twoUnscored, { detailsIn: 'runs/r1/summary.json' });
    expect(text).toContain(
      'Left out of the track and overall figures (why, and how to fix it: runs/r1/summary.json):\n  task1, task6: no local copy of sentence-transformers/all-MiniLM-L6-v2 was found',
    );
    expect(text).not.toContain(HOW);
    expect(text.split('no local copy')).toHaveLength(2);
  });

  it('prints the full reason once when there is no file to point at', () => {
    const text = renderSummaryTable(twoUnscored);
    expect(text.split(HOW)).toHaveLength(2);
    expect(text).toContain(`  task1, task6: ${REASON}`);
  });

  it('counts in words that agree with the number: 1 task, 2 tasks', () => {
    const oneTaskTrack: RunSummary = {
      ...summary,
      tracks: summary.tracks.map((track, index) => (index === 0 ? { ...track, n_tasks: 1 } : track)),
    };
    const text = renderSummaryTable(oneTaskTrack);
    expect(text).toMatch(/│ +1 task │/);
    expect(text).toMatch(/│ +3 tasks │/);
    expect(text).not.toMatch(/ 1 tasks/);
  });
});

describe('the terminal report', () => {
  it('says why a task is left out', () => {
    const text = renderReportTerminal(buildRunReport(fixtureRun('dev-baseline'), { resamples: 20 }));
    expect(text).toContain('Left out of the track and overall figures:\n  task1: sent-transformer needs an embedding model\n');
  });
});

describe('a missing score reads the same in every table', () => {
  const noScore = (text: string, task: string): string => text.split('\n').find((line) => line.includes(task)) ?? '';

  it('is n/a in the run table as in the reports, never a dash', () => {
    const run = fixtureRun('dev-baseline');
    const unscored = run.summary.tasks.find((task) => task.status !== 'scored');
    expect(unscored).toBeDefined();
    const name = unscored?.task_name ?? '';
    const table = renderSummaryTable(run.summary);
    const report = renderReportTerminal(buildRunReport(run, { resamples: 20 }));
    expect(noScore(table, ` ${name} `)).toMatch(/│ +n\/a │/);
    expect(noScore(report, ` ${name} `)).toContain('n/a (unscored)');
    expect(table).not.toContain('—');
  });

  it('is n/a for an overall that has none', () => {
    expect(renderSummaryTable({ ...summary, overall: null })).toMatch(/overall[^│]*│ mean of tracks +│ +│ +n\/a │/);
  });
});
