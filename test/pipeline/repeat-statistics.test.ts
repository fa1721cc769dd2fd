import { RepeatStatistics } from '../../src/pipeline/repeat-statistics';
import { getProfile } from '../../src/scoring/profiles';
import type { ItemRecord } from '../../src/scoring/records';

const record = (id: string, score: number, parsed: number, extra: Partial<ItemRecord> = {}): ItemRecord => ({
  id,
  task_name: 't',
  track: 'k',
  task_type: 'multiple-choice',
  metric: 'accuracy',
  input: 'q',
  truth: 1,
  output: String(parsed),
  parsed,
  score,
  unparseable: false,
  ...extra,
});

describe('repeat statistics', () => {
  it('gives each repeat its score, the mean, the sample standard deviation and per-row agreement', () => {
    const statistics = new RepeatStatistics(3, getProfile('kddcup2024'));
    // row a: right, right, wrong (disagrees); row b: right every time (agrees)
    [record('a', 1, 1), record('a', 1, 1), record('a', 0, 2)].forEach((item, repeat) => statistics.add(item, repeat));
    [record('b', 1, 1), record('b', 1, 1), record('b', 1, 1)].forEach((item, repeat) => statistics.add(item, repeat));
    const result = statistics.result();
    const task = result.tasks[0];
    expect(task?.scores).toEqual([1, 1, 0.5]);
    expect(task?.mean).toBeCloseTo(2.5 / 3, 12);
    expect(task?.spread).toBeCloseTo(Math.sqrt(((1 / 6) ** 2 * 2 + (1 / 3) ** 2) / 2), 12);
    expect(task?.agreement).toBe(0.5);
    expect(result.overall.scores).toEqual([1, 1, 0.5]);
    expect(result.spread).toMatch(/sample standard deviation/);
  });

  it('leaves a row with an API error in any repeat out of the agreement, and a task without a score in some repeat without a mean', () => {
    const statistics = new RepeatStatistics(2, getProfile('kddcup2024'));
    statistics.add(record('a', 1, 1), 0);
    statistics.add(record('a', 0, 2, { api_error: 'HTTP 500', score: null, parsed: null }), 1);
    const result = statistics.result();
    expect(result.tasks[0]).toMatchObject({ rows_compared: 0, agreement: null, mean: null, spread: null });
  });
});
