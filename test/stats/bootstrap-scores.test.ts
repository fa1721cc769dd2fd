import { bootstrapScores, differenceReplicates } from '../../src/stats/bootstrap-scores';
import { percentileInterval } from '../../src/stats/percentile-interval';
import { createSeededRandom, resampleIndices } from '../../src/stats/seeded-random';
import { microF1 as officialMicroF1 } from '../../src/scoring/metrics/micro-f1';
import { PROFILES } from '../../src/scoring/profiles';
import { type Contribution, contributionsScore } from '../../src/scoring/roll-up';

const kddcup = PROFILES.kddcup2024;

// mathjs (the oracle) publishes types for its ESM build only; this CommonJS test loads the CJS build
type MathJs = typeof import('mathjs', { with: { 'resolution-mode': 'import' } });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { quantileSeq } = require('mathjs') as MathJs;

const microF1 = (tp: number, fp: number, fn: number): number => officialMicroF1([{ tp, fp, fn }]);

const values = (scores: number[]): Contribution[] => scores.map((value) => ({ kind: 'value', value }));

describe('seeded random', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const first = Array.from({ length: 5 }, createSeededRandom(7));
    const again = Array.from({ length: 5 }, createSeededRandom(7));
    expect(again).toEqual(first);
    expect(Array.from({ length: 5 }, createSeededRandom(8))).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('draws indices in range', () => {
    const indices = resampleIndices(10, 1000, createSeededRandom(1));
    expect(Math.min(...indices)).toBe(0);
    expect(Math.max(...indices)).toBe(9);
  });
});

describe('task statistic', () => {
  it('is F1 of summed counts for micro f1, 0 on empty denominators', () => {
    expect(microF1(2, 1, 1)).toBeCloseTo(2 / 3);
    expect(microF1(0, 0, 3)).toBe(0);
    expect(microF1(0, 2, 2)).toBe(0);
    const counts: Contribution[] = [
      { kind: 'counts', tp: 1, fp: 0, fn: 1 },
      { kind: 'counts', tp: 1, fp: 1, fn: 0 },
    ];
    // summed (2, 1, 1), not the mean of per-item F1s (0.667 each) - same here, so check a resample of item 0 twice
    expect(contributionsScore('micro f1', counts, kddcup)).toBeCloseTo(2 / 3);
    expect(contributionsScore('micro f1', counts, kddcup, [0, 0])).toBeCloseTo(microF1(2, 0, 2));
  });

  it('skips items that do not count and is NaN when none do', () => {
    expect(contributionsScore('accuracy', [null, { kind: 'value', value: 1 }, { kind: 'value', value: 0 }], kddcup)).toBe(0.5);
    expect(contributionsScore('accuracy', [null, null], kddcup)).toBeNaN();
  });
});

describe('bootstrap', () => {
  const tasks = [
    { taskName: 'a', track: 't1', metric: 'accuracy' as const, sides: [values([1, 0, 1, 1, 0, 1, 0, 1, 1, 1])] },
    { taskName: 'b', track: 't2', metric: 'rougel' as const, sides: [values([0.2, 0.4, 0.9, 0.5])] },
  ];

  it('is reproducible for a seed and brackets the point estimate', () => {
    const first = bootstrapScores(tasks, kddcup, { seed: 3, resamples: 500 });
    const again = bootstrapScores(tasks, kddcup, { seed: 3, resamples: 500 });
    expect(again.overall).toEqual(first.overall);
    const interval = percentileInterval(first.tasks.get('a')?.[0] ?? [], 0.95);
    expect(interval?.low).toBeLessThan(0.7);
    expect(interval?.high).toBeGreaterThan(0.7);
    expect(interval?.high).toBeLessThanOrEqual(1);
    expect(first.overall[0]).toHaveLength(500);
  });

  it('gives a zero-width paired difference for identical runs', () => {
    const paired = tasks.map((task) => ({ ...task, sides: [task.sides[0] ?? [], task.sides[0] ?? []] }));
    const replicates = bootstrapScores(paired, kddcup, { seed: 0, resamples: 200 });
    const difference = differenceReplicates(replicates.overall[0] ?? [], replicates.overall[1] ?? []);
    expect(percentileInterval(difference, 0.95)).toEqual({ low: 0, high: 0 });
  });

  it('uses linear interpolation between the closest ranks, as mathjs quantileSeq on sorted values', () => {
    expect(percentileInterval([3, 1, 2, 4], 0.95)).toEqual({ low: expect.closeTo(1.075, 10), high: expect.closeTo(3.925, 10) });
    expect(percentileInterval([Number.NaN], 0.95)).toBeNull();
    const random = createSeededRandom(5);
    for (let trial = 0; trial < 300; trial += 1) {
      const values = Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.round(random() * 50) / 50);
      const sorted = [...values].sort((a, b) => a - b);
      const level = 0.5 + random() * 0.49;
      const tail = (1 - level) / 2;
      const bounds = quantileSeq(sorted, [tail, 1 - tail], true) as unknown as number[];
      expect(percentileInterval(values, level)).toEqual({ low: Number(bounds[0]), high: Number(bounds[1]) });
    }
  });

  it('gives the same interval in every process: replicates one ULP apart are ordered exactly', () => {
    const near = 0.15613839285714282;
    const replicates = Array.from({ length: 4000 }, (_, index) => (index % 2 === 0 ? near : near + 1e-16) + (index % 400) / 1000);
    const shuffled = [...replicates].reverse();
    expect(percentileInterval(shuffled, 0.95)).toEqual(percentileInterval(replicates, 0.95));
  });
});
