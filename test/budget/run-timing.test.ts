import { percentile } from '../../src/budget/percentile';
import { RunTimingAccumulator } from '../../src/budget/run-timing';
import type { ResponseLogEntry } from '../../src/rundir/response-log-file';

const answered = (id: string, latency: number, batch?: ResponseLogEntry['batch']): ResponseLogEntry => ({
  id,
  output: '1',
  latency_ms: latency,
  attempts: 1,
  usage: { prompt_tokens: 10, completion_tokens: 2 },
  ...(batch === undefined ? {} : { batch }),
});

describe('RunTimingAccumulator', () => {
  it('gives exact percentiles, token sums and rates per task, track and overall', () => {
    const timing = new RunTimingAccumulator(10_000);
    const rows = [
      { taskName: 'a', track: 't1', latency: 100 },
      { taskName: 'a', track: 't1', latency: 200 },
      { taskName: 'b', track: 't1', latency: 300 },
      { taskName: 'c', track: 't2', latency: 400 },
    ];
    for (const [index, row] of rows.entries()) timing.add(row, answered(`r${index}`, row.latency));
    timing.add({ taskName: 'c', track: 't2' }, { id: 'failed', output: null, latency_ms: null, attempts: 3, error: 'http 500' });
    const result = timing.result();
    // numpy.percentile([100, 200, 300, 400], [50, 95]) = [250, 385]
    expect(result.overall).toEqual({
      items: 5,
      timed: 4,
      latency_ms: { p50: 250, p95: 385, max: 400 },
      prompt_tokens: 40,
      completion_tokens: 8,
      seconds: 1,
      items_per_second: 4,
      tokens_per_second: 8,
    });
    expect(result.tasks['a']?.latency_ms).toEqual({ p50: 150, p95: 195, max: 200 });
    expect(result.tracks['t2']).toMatchObject({ items: 2, timed: 1, latency_ms: { p50: 400, p95: 400, max: 400 } });
    expect(result.batches).toBeNull();
  });

  it('times batched items by their share of the batch wall time and lists the batches over the per-sample limit', () => {
    const timing = new RunTimingAccumulator(10_000);
    const fast = { first_id: 'a', size: 2, wall_ms: 3000 };
    const slow = { first_id: 'c', size: 2, wall_ms: 25_000 };
    timing.add({ taskName: 'x', track: 't' }, answered('a', 2900, fast));
    timing.add({ taskName: 'x', track: 't' }, answered('b', 3000, fast));
    timing.add({ taskName: 'x', track: 't' }, answered('c', 24_000, slow));
    timing.add({ taskName: 'x', track: 't' }, answered('d', 25_000, slow));
    const result = timing.result();
    expect(result.batches).toEqual({ count: 2, per_sample_limit_ms: 10_000, over_limit_count: 1, over_limit: [slow] });
    expect(result.overall.seconds).toBe(28);
  });

  it('scales measured batch times before the check', () => {
    const timing = new RunTimingAccumulator(10_000, 4);
    timing.add({ taskName: 'x', track: 't' }, answered('a', 3000, { first_id: 'a', size: 1, wall_ms: 3000 }));
    expect(timing.result().batches?.over_limit_count).toBe(1);
  });

  it.each([0, 5000])('gives each task and track the percentiles of its own latencies, past the size given up front (%i)', (expected) => {
    const timing = new RunTimingAccumulator(10_000, 1, expected);
    const byGroup = new Map<string, number[]>();
    const keep = (group: string, latency: number): void => {
      byGroup.set(group, [...(byGroup.get(group) ?? []), latency]);
    };
    for (let n = 0; n < 5000; n += 1) {
      const latency = Math.round(((n * 7919) % 10_007) * 3.7) / 10;
      const row = { taskName: `task-${(n * 31) % 7}`, track: `track-${n % 3}` };
      timing.add(row, answered(`r${n}`, latency));
      keep(`task:${row.taskName}`, latency);
      keep(`track:${row.track}`, latency);
      keep('overall', latency);
    }
    const expectedFigures = (group: string): { p50: number; p95: number; max: number } => {
      const sorted = [...(byGroup.get(group) ?? [])].sort((a, b) => a - b);
      const round = (value: number | undefined): number => Math.round((value ?? Number.NaN) * 1000) / 1000;
      return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1)) };
    };
    const result = timing.result();
    expect(Object.keys(result.tasks)).toEqual(['task-0', 'task-3', 'task-6', 'task-2', 'task-5', 'task-1', 'task-4']);
    for (const [name, figures] of Object.entries(result.tasks)) expect(figures.latency_ms).toEqual(expectedFigures(`task:${name}`));
    for (const [name, figures] of Object.entries(result.tracks)) expect(figures.latency_ms).toEqual(expectedFigures(`track:${name}`));
    expect(result.overall.latency_ms).toEqual(expectedFigures('overall'));
    timing.add({ taskName: 'task-0', track: 'track-9' }, answered('late', 0.5)); // after a result(): figures stay exact
    keep('task:task-0', 0.5);
    keep('track:track-9', 0.5);
    const again = timing.result();
    expect(again.tasks['task-0']?.latency_ms).toEqual(expectedFigures('task:task-0'));
    expect(again.tracks['track-9']?.latency_ms).toEqual(expectedFigures('track:track-9'));
    expect(again.tracks['track-1']).toEqual(result.tracks['track-1']);
  });

  it('sorts a million equal latencies quickly (a replay run times every answer at 0 ms)', () => {
    const timing = new RunTimingAccumulator(10_000, 1, 1_000_000);
    const entry = answered('r', 0);
    for (let n = 0; n < 1_000_000; n += 1) timing.add({ taskName: `t${n % 5}`, track: 'x' }, entry);
    expect(timing.result().overall.latency_ms).toEqual({ p50: 0, p95: 0, max: 0 });
  });
});
