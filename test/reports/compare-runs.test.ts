import { compareRuns } from '../../src/reports/documents/compare-runs';
import { REPORTERS } from '../../src/reports/render/reporters';
import { expectGolden, fixtureRun } from './golden';
import { validateDocument } from './schema-validator';
import { randomCorrectness, syntheticRun } from './synthetic-run';

describe('compareRuns on fixture runs', () => {
  const baseline = fixtureRun('dev-baseline');
  const candidate = fixtureRun('dev-candidate');
  const comparison = compareRuns(baseline, candidate, { seed: 0, resamples: 1000, gate: { tolerance: 0, tasks: ['task6'] } });

  it('matches the golden Markdown and JSON, and the JSON is a valid shopeval-comparison', () => {
    expectGolden('compare-dev-candidate-vs-dev-baseline.md', REPORTERS.markdown.comparison(comparison));
    expectGolden('compare-dev-candidate-vs-dev-baseline.json', REPORTERS.json.comparison(comparison));
    expect(validateDocument('comparison', comparison)).toEqual([]);
  });

  it('drops the baseline API-error items from both sides, and says so per task and overall', () => {
    const apiErrors = baseline.items.filter((item) => item.api_error !== undefined);
    expect(apiErrors.length).toBeGreaterThan(0);
    const counted = new Set(comparison.tasks.map((task) => task.name));
    const inCountedTasks = candidate.items.filter((item) => counted.has(item.task_name)).length;
    expect(comparison.items).toEqual({
      same_dataset: true,
      compared: inCountedTasks - apiErrors.length,
      baseline_only: 0,
      candidate_only: 0,
      dropped: {
        total: apiErrors.length,
        api_errors: { baseline: apiErrors.length, candidate: 0 },
        scorer_errors: { baseline: 0, candidate: 0 },
        unscored: { baseline: 0, candidate: 0 },
      },
    });
    for (const task of comparison.tasks) {
      const dropped = apiErrors.filter((item) => item.task_name === task.name).length;
      expect([task.name, task.dropped.total, task.n]).toEqual([
        task.name,
        dropped,
        candidate.items.filter((item) => item.task_name === task.name).length - dropped,
      ]);
    }
    expect(comparison.warnings[0]).toMatch(
      new RegExp(
        `^ITEMS DROPPED: ${apiErrors.length} items \\(API errors: ${apiErrors.length} in the baseline, 0 in the candidate\\) .* left out of BOTH sides`,
      ),
    );
  });

  it('gives each run the scores of its own summary.json when no item is dropped', () => {
    const oracle = fixtureRun('dev-oracle');
    const clean = compareRuns(candidate, oracle, { resamples: 50 });
    const counted = new Set(clean.tasks.map((task) => task.name));
    expect(clean.items).toMatchObject({
      same_dataset: true,
      compared: candidate.items.filter((item) => counted.has(item.task_name)).length,
      dropped: { total: 0 },
    });
    expect(clean.warnings.every((warning) => /scored in neither run/.test(warning))).toBe(true);
    expect(clean.overall.baseline).toBeCloseTo(candidate.summary.overall ?? Number.NaN, 12);
    expect(clean.overall.candidate).toBeCloseTo(oracle.summary.overall ?? Number.NaN, 12);
    for (const track of clean.tracks) {
      expect(track.baseline).toBeCloseTo(candidate.summary.tracks.find((entry) => entry.track === track.name)?.score ?? Number.NaN, 12);
    }
  });

  it('keeps the displayed intervals at 95% and judges the gate at the Bonferroni level 1 - 0.05/k', () => {
    expect(comparison.interval.level).toBe(0.95);
    expect(comparison.gate?.checked).toHaveLength(6); // overall, 4 tracks, task6
    expect(comparison.gate?.level).toBeCloseTo(1 - 0.05 / 6, 12);
    const displayed = comparison.tasks.find((task) => task.name === 'task6');
    const gated = comparison.gate?.intervals.find((entry) => entry.name === 'task6');
    expect(gated?.low).toBeLessThan(displayed?.low ?? Number.NaN);
    expect(gated?.high).toBeGreaterThanOrEqual(displayed?.high ?? Number.NaN);
  });

  it('gives the scores of the summary.json of the run without dropped items on the items that remain', () => {
    const untouched = comparison.tracks.filter((track) => track.dropped.total === 0);
    expect(untouched.length).toBeGreaterThan(0);
    for (const track of untouched) {
      expect(track.candidate).toBeCloseTo(candidate.summary.tracks.find((entry) => entry.track === track.name)?.score ?? Number.NaN, 12);
      expect(track.baseline).toBeCloseTo(baseline.summary.tracks.find((entry) => entry.track === track.name)?.score ?? Number.NaN, 12);
    }
  });

  it('shows task6 (8 items, hostile output prefixed) worse at 95% but does not fail the gate on it at the adjusted level', () => {
    expect(comparison.tasks.find((task) => task.name === 'task6')?.verdict).toBe('worse');
    expect(comparison.gate).toMatchObject({ failed: false, regressions: [] });
    expect(comparison.gate?.message).toMatch(
      /^PASS: no regression larger than 0 with the 99\.17% interval \(Bonferroni over 6 checked scores\) excluding 0/,
    );
  });

  it('a run compared with itself shows no change with a zero interval', () => {
    const self = compareRuns(candidate, candidate, { resamples: 100 });
    expect(self.overall).toMatchObject({ difference: 0, low: 0, high: 0, verdict: 'no clear change' });
  });
});

describe('compareRuns with synthetic runs', () => {
  const shape = { itemsPerTask: 100, tasksPerTrack: 2 };

  it('pairs items by id, not by position', () => {
    const base = syntheticRun('b', randomCorrectness(0.6, 1), shape);
    const shuffled = { ...base, items: [...base.items].reverse() };
    expect(compareRuns(base, shuffled, { resamples: 50 }).overall).toMatchObject({ difference: 0, low: 0, high: 0 });
  });

  it('refuses runs scored with different profiles', () => {
    const base = syntheticRun('b', randomCorrectness(0.6, 1), shape);
    const other = { ...base, summary: { ...base.summary, profile: 'shoppingmmlu' as const } };
    expect(() => compareRuns(base, other)).toThrow(/different profiles/);
  });

  it('compares the shared items only, with a warning, when datasets differ and that is allowed', () => {
    const base = syntheticRun('b', randomCorrectness(0.6, 1), shape);
    const other = syntheticRun('c', randomCorrectness(0.6, 1), { ...shape, sha256: '0'.repeat(64) });
    const smaller = { ...other, items: other.items.filter((item) => !item.id.endsWith('-0')) };
    expect(() => compareRuns(base, smaller)).toThrow(/different datasets/);
    const result = compareRuns(base, smaller, { allowDifferentDatasets: true, resamples: 50 });
    expect(result.items).toMatchObject({ same_dataset: false, compared: 396, baseline_only: 4, candidate_only: 0, dropped: { total: 0 } });
    expect(result.warnings[0]).toMatch(/^DIFFERENT DATASETS: comparing only the 396 items/);
  });
});

describe('compareRuns: same dataset hash, different item sets', () => {
  const shape = { itemsPerTask: 100, tasksPerTrack: 2 };
  const base = syntheticRun('b', randomCorrectness(0.6, 1), shape);
  // a run made with --limit: same dataset file (same sha256), fewer items
  const limited = { ...base, name: 'limited', items: base.items.filter((item) => item.id.endsWith('-0')) };

  it('refuses them like different datasets, naming the likely cause', () => {
    expect(() => compareRuns(base, limited)).toThrow(
      /cover different items of the same dataset \(400 vs 4 items; a run made with --limit, --tasks or --tracks\?\)/,
    );
  });

  it('compares the shared items with a warning when allowed', () => {
    const result = compareRuns(base, limited, { allowDifferentDatasets: true, resamples: 20 });
    expect(result.items).toMatchObject({ same_dataset: false, compared: 4, baseline_only: 396 });
    expect(result.warnings[0]).toMatch(/^DIFFERENT ITEM SETS: comparing only the 4 items/);
  });
});

describe('compareRuns gate on a selected task', () => {
  const shape = { itemsPerTask: 150, tasksPerTrack: 3 };
  const baseCorrect = randomCorrectness(0.7, 21);
  const base = syntheticRun('base', baseCorrect, shape);
  // one task collapses, the rest is the baseline's answers: only the selected task can fail the gate
  const collapsed = syntheticRun(
    'collapsed',
    (task, index) => (task === 'track-a-task0' ? index % 5 === 0 : baseCorrect(task, index)),
    shape,
  );

  it('fails on the collapsed task when it is selected, and counts it in the Bonferroni family', () => {
    const comparison = compareRuns(base, collapsed, { resamples: 400, gate: { tolerance: 0, tasks: ['track-a-task0'] } });
    expect(comparison.gate).toMatchObject({ failed: true, checked: ['overall', 'track-a', 'track-b', 'track-a-task0'] });
    expect(comparison.gate?.regressions).toContain('track-a-task0');
    expect(comparison.gate?.level).toBeCloseTo(1 - 0.05 / 4, 12);
    expect(comparison.gate?.message).toMatch(
      /^FAIL: candidate is worse by more than 0 with the 98\.75% interval \(Bonferroni over 4 checked scores\) excluding 0 on .*track-a-task0 -0\.\d+/,
    );
  });

  it('warns about a partial run, and leaves out a task scored with different embedders', () => {
    const baseline = fixtureRun('dev-baseline');
    const candidate = fixtureRun('dev-candidate');
    const withEmbedder = (run: typeof baseline, name: string, official: boolean) => ({
      ...run,
      summary: {
        ...run.summary,
        tasks: run.summary.tasks.map((task) => (task.task_name === 'task2' ? { ...task, embedder: { name, official } } : task)),
      },
    });
    const comparison = compareRuns(withEmbedder(baseline, 'local:official-minilm', true), withEmbedder(candidate, 'local:other', false), {
      resamples: 20,
    });
    expect(comparison.warnings).toContainEqual(
      expect.stringMatching(/^PARTIAL RUN: the baseline answered 93 of 96 items; its figures are not final/),
    );
    expect(comparison.warnings).toContain(
      'task2: scored with different embedders (baseline local:official-minilm (official), candidate local:other (NOT official)); left out of the comparison',
    );
    expect(comparison.warnings).toContain('the candidate scored task2 with a non-official embedder: not comparable with official scores');
    expect(comparison.tasks.map((task) => task.name)).not.toContain('task2');
  });
});
