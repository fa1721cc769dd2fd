import { percentile } from './percentile';

/** p50, p95 and max of a group's latencies (numpy's linear interpolation), or null when it has none. */
export type LatencyFigures = { readonly p50: number; readonly p95: number; readonly max: number } | null;

/**
 * Every timed answer's latency once, with the task and the track it belongs to, so the percentiles of the run, each
 * track and each task come from one array instead of three copies (a million latencies: 10 MB, not 24-48 MB with
 * the slack of three doubling arrays). Percentiles are computed at the end, one group at a time, in one scratch array.
 */
export class LatencyStore {
  private latencies: Float64Array;
  private tasks: Uint16Array | Uint32Array;
  private tracks: Uint16Array | Uint32Array;
  private count = 0;

  /** `expected`: how many latencies are likely to be added (the run's items), so the arrays never grow. */
  constructor(expected = 0) {
    const slots = Math.max(64, expected);
    this.latencies = new Float64Array(slots);
    this.tasks = new Uint16Array(slots);
    this.tracks = new Uint16Array(slots);
  }

  /** Adds a latency of the task and track numbered `task` and `track` (numbers the caller gives from 0 up). */
  add(latency: number, task: number, track: number): void {
    if (this.count === this.latencies.length) this.grow(Math.ceil(this.count * 1.5));
    if (task > 0xffff && this.tasks instanceof Uint16Array) this.tasks = Uint32Array.from(this.tasks);
    if (track > 0xffff && this.tracks instanceof Uint16Array) this.tracks = Uint32Array.from(this.tracks);
    this.latencies[this.count] = latency;
    this.tasks[this.count] = task;
    this.tracks[this.count] = track;
    this.count += 1;
  }

  /** The figures of every latency, of each task (by number, `taskCount` of them) and of each track. */
  figures(taskCount: number, trackCount: number): { overall: LatencyFigures; tasks: LatencyFigures[]; tracks: LatencyFigures[] } {
    const scratch = new Float64Array(this.count);
    const tasks = this.groupFigures(this.tasks, taskCount, scratch);
    const tracks = this.groupFigures(this.tracks, trackCount, scratch);
    scratch.set(this.latencies.subarray(0, this.count));
    return { overall: figuresOf(scratch.sort()), tasks, tracks };
  }

  /** Sorts the latencies into `scratch` group by group (a counting sort), then each group's run by value. */
  private groupFigures(groupOf: Uint16Array | Uint32Array, groups: number, scratch: Float64Array): LatencyFigures[] {
    const starts = new Float64Array(groups + 1);
    for (let index = 0; index < this.count; index += 1) {
      const slot = (groupOf[index] as number) + 1;
      starts[slot] = (starts[slot] as number) + 1;
    }
    for (let group = 0; group < groups; group += 1) starts[group + 1] = (starts[group + 1] as number) + (starts[group] as number);
    const next = starts.slice(0, groups);
    for (let index = 0; index < this.count; index += 1) {
      const group = groupOf[index] as number;
      scratch[next[group] as number] = this.latencies[index] as number;
      next[group] = (next[group] as number) + 1;
    }
    return Array.from({ length: groups }, (_unused, group) =>
      figuresOf(scratch.subarray(starts[group] as number, starts[group + 1] as number).sort()),
    );
  }

  private grow(slots: number): void {
    const latencies = new Float64Array(slots);
    latencies.set(this.latencies);
    this.latencies = latencies;
    this.tasks = widened(this.tasks, slots);
    this.tracks = widened(this.tracks, slots);
  }
}

function widened(array: Uint16Array | Uint32Array, slots: number): Uint16Array | Uint32Array {
  const grown = array instanceof Uint16Array ? new Uint16Array(slots) : new Uint32Array(slots);
  grown.set(array);
  return grown;
}

function figuresOf(sorted: Float64Array): LatencyFigures {
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  const max = sorted[sorted.length - 1];
  return p50 === undefined || p95 === undefined || max === undefined ? null : { p50, p95, max };
}
