/**
 * Where the wall time of a fixed-latency run goes, from the fake's arrival times of generation calls and the run's own
 * marks: start-up, the pre-passes before the first request, the serial identity probe, the gap before the concurrent
 * phase, how many calls stay in flight during it (refill gaps show as dips), and scoring and writing after the last answer.
 */

/** Wall-clock marks (Date.now) of one run, taken in the run's process. */
export interface RunMarks {
  readonly processStart: number;
  readonly runStart: number;
  readonly runEnd: number;
}

export interface TimelineSettings {
  readonly latencyMs: number;
  readonly concurrency: number;
  /** Calls the identity probe sends one at a time before the concurrent phase. */
  readonly probeCalls: number;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

/** Calls in flight when each call arrives: the arrivals of the last `latencyMs` (every call takes that long at the fake). */
function inFlightAtArrivals(arrivals: readonly number[], latencyMs: number): number[] {
  const counts: number[] = [];
  let oldest = 0;
  for (let index = 0; index < arrivals.length; index += 1) {
    const now = arrivals[index] ?? 0;
    while ((arrivals[oldest] ?? now) <= now - latencyMs) oldest += 1;
    counts.push(index - oldest + 1);
  }
  return counts;
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

/** The timeline's lines, each phase with its duration. */
export function describeTimeline(marks: RunMarks, arrivals: readonly number[], settings: TimelineSettings): string[] {
  const { latencyMs, concurrency, probeCalls } = settings;
  if (arrivals.length <= probeCalls) return ['timeline: too few calls to describe'];
  const first = arrivals[0] ?? marks.runStart;
  const lastProbe = arrivals[probeCalls - 1] ?? first;
  const concurrent = arrivals.slice(probeCalls);
  const firstConcurrent = concurrent[0] ?? lastProbe;
  const lastArrival = concurrent[concurrent.length - 1] ?? firstConcurrent;
  // the steady part: past the ramp-up (the first `concurrency` calls) and before the drain (the last `concurrency`)
  const counts = inFlightAtArrivals(concurrent, latencyMs).slice(concurrency, Math.max(concurrency, concurrent.length - concurrency));
  const sorted = [...counts].sort((left, right) => left - right);
  const ideal = (concurrent.length * latencyMs) / concurrency;
  const answering = lastArrival + latencyMs - firstConcurrent;
  return [
    `timeline: node start -> runEvaluation called (loading modules) ${seconds(marks.runStart - marks.processStart)}`,
    `timeline: runEvaluation -> first request (validation pass, server facts, probe candidates pass) ${seconds(first - marks.runStart)}`,
    `timeline: identity probe, ${probeCalls} calls one at a time ${seconds(lastProbe + latencyMs - first)}`,
    `timeline: probe's last answer -> first concurrent call (lock, run directory, response log) ${seconds(firstConcurrent - lastProbe - latencyMs)}`,
    `timeline: concurrent phase, ${concurrent.length} calls ${seconds(answering)} (ideal ${seconds(ideal)}, ratio ${(answering / ideal).toFixed(3)}); ` +
      `calls in flight at each arrival: min ${sorted[0] ?? 0}, 1st percentile ${percentile(sorted, 0.01)}, median ${percentile(sorted, 0.5)} (of ${concurrency})`,
    `timeline: last answer -> runEvaluation returns (scoring, items.jsonl, summary, manifest) ${seconds(marks.runEnd - lastArrival - latencyMs)}`,
  ];
}
