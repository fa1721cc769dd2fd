import type { RunTiming, TimingFigures } from '../../src/budget/run-timing';
import { timeBudgetVerdict } from '../../src/budget/time-budget';

const figures = (items: number, seconds: number): TimingFigures => ({
  items,
  timed: items,
  latency_ms: { p50: 1, p95: 1, max: 1 },
  prompt_tokens: 0,
  completion_tokens: 0,
  seconds,
  items_per_second: items / seconds,
  tokens_per_second: 0,
});

const timing = (tracks: Record<string, TimingFigures>, batches: RunTiming['batches'] = null): RunTiming => {
  const items = Object.values(tracks).reduce((sum, entry) => sum + entry.items, 0);
  const seconds = Object.values(tracks).reduce((sum, entry) => sum + entry.seconds, 0);
  return { overall: figures(items, seconds), tracks, tasks: {}, batches };
};

describe('timeBudgetVerdict', () => {
  it('projects each track to its share of the test set and checks it against the track limit', () => {
    // track1 is 3/4 of the tracked items at 0.5 s/item: 0.5 x 0.75 x 11000 = 4125 s, under Phase 2's 4200 s;
    // track2 at 0.6 s/item: 0.6 x 0.25 x 11000 = 1650 s, over its 1200 s
    const verdict = timeBudgetVerdict(
      timing({
        'amazon-kdd-cup-24-understanding-shopping-concepts': figures(30, 15),
        'amazon-kdd-cup-24-shopping-knowledge-reasoning': figures(10, 6),
      }),
      { budget: 'kddcup2024-phase2', scale: 1 },
    );
    const byTrack = Object.fromEntries(verdict.projections.map((projection) => [projection.track, projection]));
    expect(byTrack['track1']?.projectedSeconds).toBeCloseTo(4125, 6);
    expect(byTrack['track1']?.over).toBe(false);
    expect(byTrack['track2']?.projectedSeconds).toBeCloseTo(1650, 6);
    expect(byTrack['track2']?.over).toBe(true);
    // all tracks: 21 s / 40 items x 11000 = 5775 s, under 8400 s
    expect(byTrack['all']?.projectedSeconds).toBeCloseTo(5775, 6);
    expect(verdict.broken).toBe(true);
    expect(verdict.text).toMatch(/track2: .* OVER; baseline used 397 s/);
    expect(verdict.text).toMatch(/is not the evaluator's/);
  });

  it('scales the projection, and Phase 1 has its own limits', () => {
    const run = timing({ 'amazon-kdd-cup-24-shopping-knowledge-reasoning': figures(10, 6) });
    expect(timeBudgetVerdict(run, { budget: 'kddcup2024-phase2', scale: 1 }).broken).toBe(true); // 6600 s > 1200 s
    const phase1 = timeBudgetVerdict(run, { budget: 'kddcup2024-phase1', scale: 0.1, testItems: 3000 }); // 0.06 x 3000 = 180 s
    expect(phase1.projections.find((projection) => projection.track === 'track2')?.projectedSeconds).toBeCloseTo(180, 6);
    expect(phase1.broken).toBe(false);
  });

  it('is broken by one batch over the per-sample limit, and lists it', () => {
    const slow = { first_id: 'r-1', size: 2, wall_ms: 25_000 };
    const verdict = timeBudgetVerdict(
      timing({ untracked: figures(4, 0.1) }, { count: 2, per_sample_limit_ms: 10_000, over_limit_count: 1, over_limit: [slow] }),
      { budget: 'kddcup2024-phase2', scale: 1 },
    );
    expect(verdict.broken).toBe(true);
    expect(verdict.text).toContain('1 of 2 over 10 s x batch size');
    expect(verdict.text).toContain('batch from r-1 (2 items): 25.00 s > 20 s');
  });
});
