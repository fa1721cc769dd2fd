import { RepeatStatistics } from '../../src/pipeline/repeat-statistics';
import { getProfile } from '../../src/scoring/profiles';
import type { ItemRecord } from '../../src/scoring/records';
import { TaskAccumulator } from '../../src/scoring/task-accumulator';
import { numpyMean } from '../../src/scoring/numpy-mean';

/** Feeds records (in stream order, with their repeat) to the statistics and to pooled accumulators, as a run's scoring loop does. */
function feed(statistics: RepeatStatistics, items: readonly [ItemRecord, number][]): (taskName: string) => Float64Array | undefined {
  const pooled = new Map<string, TaskAccumulator>();
  for (const [item, repeat] of items) {
    let task = pooled.get(item.task_name);
    if (task === undefined)
      pooled.set(
        item.task_name,
        (task = new TaskAccumulator({ taskName: item.task_name, track: item.track, taskType: item.task_type, metric: item.metric })),
      );
    task.add(item.api_error === undefined ? { kind: 'value', value: item.score ?? Number.NaN } : null, {
      unparseable: false,
      missingPrediction: false,
    });
    statistics.add(item, repeat);
  }
  return (taskName) => pooled.get(taskName)?.values();
}

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
    const pooled = feed(statistics, [
      ...[record('a', 1, 1), record('a', 1, 1), record('a', 0, 2)].map((item, repeat): [ItemRecord, number] => [item, repeat]),
      ...[record('b', 1, 1), record('b', 1, 1), record('b', 1, 1)].map((item, repeat): [ItemRecord, number] => [item, repeat]),
    ]);
    const result = statistics.result(pooled);
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
    const pooled = feed(statistics, [
      [record('a', 1, 1), 0],
      [record('a', 0, 2, { api_error: 'HTTP 500', score: null, parsed: null }), 1],
    ]);
    const result = statistics.result(pooled);
    expect(result.tasks[0]).toMatchObject({ rows_compared: 0, agreement: null, mean: null, spread: null });
  });

  it("picks each repeat's scores out of the pooled ones exactly (numpy's pairwise mean), API errors and two tasks interleaved", () => {
    const repeats = 3;
    const statistics = new RepeatStatistics(repeats, getProfile('kddcup2024'));
    const items: [ItemRecord, number][] = [];
    const perRepeat = new Map<string, number[][]>();
    for (let row = 0; row < 3000; row += 1) {
      const task = row % 7 === 0 ? 'u' : 't';
      for (let repeat = 0; repeat < repeats; repeat += 1) {
        const failed = (row * 31 + repeat) % 97 === 0;
        const score = ((row * 13 + repeat * 7) % 10) / 10; // 0.1-steps: a left-to-right sum would differ in the last bits
        items.push([
          record(`r${row}`, score, score, { task_name: task, ...(failed ? { api_error: 'HTTP 500', score: null } : {}) }),
          repeat,
        ]);
        if (failed) continue;
        const lists = perRepeat.get(task) ?? Array.from({ length: repeats }, () => []);
        lists[repeat]?.push(score);
        perRepeat.set(task, lists);
      }
    }
    const result = statistics.result(feed(statistics, items));
    for (const task of result.tasks) {
      expect(task.scores).toEqual((perRepeat.get(task.task_name) ?? []).map((values) => numpyMean(values)));
    }
  });
});
