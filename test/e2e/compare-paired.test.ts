import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import { scoreOutputs } from '../../src/pipeline/score-outputs';
import { writeResults } from '../../src/pipeline/write-results';
import type { ItemOutput } from '../../src/pipeline/score-outputs';
import type { ItemRecord } from '../../src/scoring/records';
import { fixtureRun, ROOT } from '../reports/golden';
import { runCliInProcess } from '../helpers/cli';

/** Perfect per-item result: a score of 1, or micro-F1 counts without a false positive or negative. */
function answeredRight(item: ItemRecord): boolean {
  if (typeof item.tp === 'number') return item.fp === 0 && item.fn === 0;
  return item.score === 1;
}

describe("shopeval compare is paired when a run has API errors (the reviewer's case)", () => {
  let workspace: string;
  let candidate: string;
  const baseline = join(ROOT, 'fixtures', 'runs', 'dev-baseline');

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'shopeval-paired-'));
    // the candidate gave the baseline's answers, except that every answer the baseline got wrong is an API error
    const base = fixtureRun('dev-baseline');
    const dataset = await loadDataset(join(ROOT, 'fixtures', 'datasets', 'shopbench-dev.jsonl'));
    const outputs = new Map<string, ItemOutput>(
      base.items.map((item): [string, ItemOutput] =>
        item.output === null || (item.unscored === undefined && !answeredRight(item))
          ? [item.id, { output: null, apiError: 'HTTP 503: upstream unavailable after 8 attempts' }]
          : [item.id, { output: item.output }],
      ),
    );
    candidate = join(workspace, 'api-errors-on-wrong-items');
    await writeResults(candidate, await scoreOutputs({ dataset, outputs, profile: 'kddcup2024' }));
    copyFileSync(join(baseline, 'manifest.json'), join(candidate, 'manifest.json'));
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('gives no "better" verdict, prints a loud warning, and reports the dropped items in JSON', async () => {
    const terminal = await runCliInProcess(['compare', baseline, candidate, '--resamples', '300']);
    expect(terminal.status).toBe(0);
    expect(terminal.stdout).not.toMatch(/\bbetter\b/);
    expect(terminal.stdout).toMatch(/OVERALL .*\+0\.0000 .* no clear change/);
    expect(terminal.stderr).toMatch(/warning: ITEMS DROPPED: \d+ items \(API errors: \d+ in the baseline, \d+ in the candidate\)/);

    const json = await runCliInProcess(['compare', baseline, candidate, '--resamples', '300', '--format', 'json', '--output', '-']);
    const comparison = JSON.parse(json.stdout) as {
      overall: { difference: number; verdict: string; dropped: { total: number } };
      items: { dropped: { total: number; api_errors: { candidate: number } } };
    };
    expect(comparison.overall).toMatchObject({ difference: 0, verdict: 'no clear change' });
    expect(comparison.items.dropped.total).toBeGreaterThan(30);
    expect(comparison.items.dropped.api_errors.candidate).toBe(comparison.items.dropped.total);
  });

  it('passes the regression gate both ways (the scores on the shared usable items are identical)', async () => {
    expect((await runCliInProcess(['compare', candidate, baseline, '--fail-on-regression', '--resamples', '200'])).status).toBe(0);
  });
});
