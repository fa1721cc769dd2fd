import { compareRuns } from '../../src/reports/compare-runs';
import { REPORTERS } from '../../src/reports/reporters';
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

  it('gives each run the scores of its own summary.json when the datasets are the same', () => {
    expect(comparison.items).toEqual({ same_dataset: true, compared: 96, baseline_only: 0, candidate_only: 0 });
    expect(comparison.overall.baseline).toBeCloseTo(baseline.summary.overall ?? Number.NaN, 12);
    expect(comparison.overall.candidate).toBeCloseTo(candidate.summary.overall ?? Number.NaN, 12);
    for (const track of comparison.tracks) {
      expect(track.candidate).toBeCloseTo(candidate.summary.tracks.find((entry) => entry.track === track.name)?.score ?? Number.NaN, 12);
    }
  });

  it('fails the gate on a selected task that clearly regressed (task6 has hostile output prefixed)', () => {
    expect(comparison.tasks.find((task) => task.name === 'task6')?.verdict).toBe('worse');
    expect(comparison.gate).toMatchObject({ failed: true, regressions: ['task6'] });
    expect(comparison.gate?.message).toMatch(/^FAIL: .* on task6 -0\.3251/);
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
    expect(result.items).toEqual({ same_dataset: false, compared: 396, baseline_only: 4, candidate_only: 0 });
    expect(result.warnings[0]).toMatch(/^DIFFERENT DATASETS: comparing only the 396 items/);
  });
});
