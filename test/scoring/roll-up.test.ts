import type { MetricName } from '../../src/dataset/row';
import { aggregate, type AggregateItem } from '../../src/scoring/aggregate';
import { PROFILES } from '../../src/scoring/profiles';
import { type Contribution, contributionsScore, rollUp, type RollUpTask } from '../../src/scoring/roll-up';
import type { ItemScore } from '../../src/scoring/types';
import { createSeededRandom } from '../../src/stats/seeded-random';

const { kddcup2024, shoppingmmlu } = PROFILES;

function item(taskName: string, track: string, metric: MetricName, score: ItemScore | null): AggregateItem {
  const taskType = metric === 'micro f1' ? 'named_entity_recognition' : metric === 'accuracy' ? 'multiple-choice' : 'generation';
  return { taskName, track, taskType, metric, score, unparseable: false, missingPrediction: false };
}

function contribution(score: ItemScore | null): Contribution {
  if (score === null) return null;
  if (score.kind === 'value') return { kind: 'value', value: score.value };
  return score.kind === 'counts' ? { kind: 'counts', tp: score.tp, fp: score.fp, fn: score.fn } : null;
}

describe('roll-up', () => {
  const task = (track: string, score: number | null, failed = false): RollUpTask => ({ track, score, failed });

  it('makes a track the mean of its scored tasks and the overall the mean of the tracks, in first-seen order', () => {
    const rolled = rollUp([task('t2', 0.5), task('t1', 1), task('t2', 0.25), task('t1', null)]);
    expect([...rolled.tracks]).toEqual([
      ['t2', 0.375],
      ['t1', 1],
    ]);
    expect(rolled.overall).toBe((0.375 + 1) / 2);
    expect(rolled.allTasksMean).toBe((0.5 + 1 + 0.25) / 3);
  });

  it('leaves a track with no scored task out of the overall', () => {
    const rolled = rollUp([task('t1', 0.5), task('t2', null)]);
    expect(rolled.tracks.get('t2')).toBeNull();
    expect(rolled.overall).toBe(0.5);
  });

  it('gives no track, overall or all-tasks mean past a failed task, as the original script stops', () => {
    const rolled = rollUp([task('t1', 0.5), task('t2', 0.75), task('t2', null, true)]);
    expect(rolled.tracks.get('t1')).toBe(0.5);
    expect(rolled.tracks.get('t2')).toBeNull();
    expect(rolled.overall).toBeNull();
    expect(rolled.allTasksMean).toBeNull();
  });

  it("takes numpy's pairwise mean, not a left-to-right sum", () => {
    expect(rollUp(Array.from({ length: 10 }, () => task('t', 0.1))).allTasksMean).toBe(0.1);
  });
});

describe('task score from item contributions', () => {
  it('gives back the run summary to the bit, so reports need no tolerance', () => {
    const random = createSeededRandom(11);
    const scores: ItemScore[] = Array.from({ length: 300 }, () => ({ kind: 'value', value: random() }));
    const counts: ItemScore[] = Array.from({ length: 50 }, () => ({
      kind: 'counts',
      tp: Math.floor(random() * 4),
      fp: Math.floor(random() * 3),
      fn: Math.floor(random() * 3),
    }));
    const items = [
      ...scores.map((score) => item('a', 't1', 'rougel', score)),
      ...counts.map((score) => item('b', 't2', 'micro f1', score)),
    ];
    const summary = aggregate(items, kddcup2024);
    expect(contributionsScore('rougel', scores.map(contribution), kddcup2024)).toBe(summary.tasks[0]?.score);
    expect(contributionsScore('micro f1', counts.map(contribution), kddcup2024)).toBe(summary.tasks[1]?.score);
    const overall = rollUp(summary.tasks.map((entry) => ({ track: entry.track, score: entry.score, failed: false }))).overall;
    expect(overall).toBe(summary.overall);
  });

  it("scores micro f1 by the profile's own F1: Shopping MMLU has no score where the competition gives 0", () => {
    const noPredictions: Contribution[] = [{ kind: 'counts', tp: 0, fp: 0, fn: 2 }];
    expect(contributionsScore('micro f1', noPredictions, kddcup2024)).toBe(0);
    expect(contributionsScore('micro f1', noPredictions, shoppingmmlu)).toBeNaN();
    expect(aggregate([item('a', 't', 'micro f1', { kind: 'counts', tp: 0, fp: 0, fn: 2 })], shoppingmmlu).tasks[0]?.status).toBe('error');
  });

  it('scores only the resampled items, each as often as drawn', () => {
    const values: Contribution[] = [
      { kind: 'value', value: 1 },
      { kind: 'value', value: 0 },
    ];
    expect(contributionsScore('accuracy', values, kddcup2024, [0, 0, 1])).toBe(2 / 3);
    expect(contributionsScore('accuracy', values, kddcup2024, [])).toBeNaN();
  });
});
