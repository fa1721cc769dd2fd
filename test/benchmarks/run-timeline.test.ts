import { describeTimeline } from '../../benchmarks/perf/run-timeline';

/** Arrivals of a run at 100 ms latency: 4 serial probe calls, then `waves` waves of `width` calls, each wave 100 ms after the last. */
function arrivals(start: number, width: number, waves: number, gapEvery?: number): number[] {
  const times = [0, 100, 200, 300].map((offset) => start + offset);
  let now = start + 450; // 50 ms between the probe's last answer and the first concurrent call
  for (let wave = 0; wave < waves; wave += 1) {
    const size = gapEvery !== undefined && wave % gapEvery === gapEvery - 1 ? width / 2 : width;
    for (let call = 0; call < size; call += 1) times.push(now + call * 0.01);
    now += 100;
  }
  return times;
}

describe('the 100 ms run timeline', () => {
  const marks = { processStart: 0, runStart: 400, runEnd: 0 };
  const settings = { latencyMs: 100, concurrency: 8, probeCalls: 4 };

  it('splits the wall time into start-up, pre-passes, probe, gap, concurrent phase and scoring', () => {
    const times = arrivals(1000, 8, 50);
    const lines = describeTimeline({ ...marks, runEnd: (times.at(-1) ?? 0) + 100 + 250 }, times, settings);
    expect(lines[0]).toContain('(loading modules) 0.400 s');
    expect(lines[1]).toContain('probe candidates pass) 0.600 s');
    expect(lines[2]).toContain('4 calls one at a time 0.400 s');
    expect(lines[3]).toContain('(lock, run directory, response log) 0.050 s');
    expect(lines[4]).toContain('400 calls 5.000 s (ideal 5.000 s, ratio 1.000)');
    expect(lines[4]).toContain('min 8, 1st percentile 8, median 8 (of 8)');
    expect(lines[5]).toContain('manifest) 0.250 s');
  });

  it('shows refill gaps as calls in flight below the concurrency', () => {
    const lines = describeTimeline(marks, arrivals(1000, 8, 50, 5), settings);
    expect(lines[4]).toMatch(/min 4,/);
    expect(lines[4]).toContain('median 8');
  });
});
