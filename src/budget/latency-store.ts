import { percentile } from './percentile';
import { sortByKey } from '../util/sort-by-key';

/** p50, p95 and max of a group's latencies (numpy's linear interpolation), or null when it has none. */
export type LatencyFigures = { readonly p50: number; readonly p95: number; readonly max: number } | null;

/**
 * Every timed answer's latency once, with the (task, track) pair it belongs to, so the percentiles of the run, each
 * track and each task come from one array instead of three copies: 10 bytes an answer (a million: 10 MB, where
 * three doubling arrays held 24-48 MB). The figures sort the store in place once (pairs moving with their latency):
 * a group's latencies are then in order too, and its percentiles are read off at its ranks in one pass, no copy.
 */
export class LatencyStore {
  private latencies: Float64Array;
  private pairs: Uint16Array | Uint32Array;
  private count = 0;

  /** `expected`: how many latencies are likely to be added (the run's items), so the arrays never grow. */
  constructor(expected = 0) {
    const slots = Math.max(64, expected);
    this.latencies = new Float64Array(slots);
    this.pairs = new Uint16Array(slots);
  }

  /** Adds a latency of the (task, track) pair numbered `pair` (numbers the caller gives from 0 up). */
  add(latency: number, pair: number): void {
    if (this.count === this.latencies.length) this.grow(Math.ceil(this.count * 1.5));
    if (pair > 0xffff && this.pairs instanceof Uint16Array) this.pairs = Uint32Array.from(this.pairs);
    this.latencies[this.count] = latency;
    this.pairs[this.count] = pair;
    this.count += 1;
  }

  /**
   * The figures of every latency, of each task and of each track (by number); `taskOf` and `trackOf` give each
   * pair's task and track number. The store is sorted by latency (which changes no figure).
   */
  figures(
    taskOf: readonly number[],
    taskCount: number,
    trackOf: readonly number[],
    trackCount: number,
  ): { overall: LatencyFigures; tasks: LatencyFigures[]; tracks: LatencyFigures[] } {
    sortByKey(this.latencies, [this.pairs], this.count);
    return {
      overall: figuresOf(this.latencies.subarray(0, this.count)),
      tasks: this.groupFigures(taskOf, taskCount),
      tracks: this.groupFigures(trackOf, trackCount),
    };
  }

  /** Each group's figures from the sorted store: its k-th latency is the k-th of its pairs' met in order. */
  private groupFigures(groupOfPair: readonly number[], groups: number): LatencyFigures[] {
    const groupAt = (index: number): number => groupOfPair[this.pairs[index] as number] ?? 0;
    const sizes = new Float64Array(groups);
    for (let index = 0; index < this.count; index += 1) {
      const group = groupAt(index);
      sizes[group] = (sizes[group] as number) + 1;
    }
    const picked = Array.from(sizes, (size) => new RankPicks(size));
    const seen = new Float64Array(groups);
    for (let index = 0; index < this.count; index += 1) {
      const group = groupAt(index);
      const rank = seen[group] as number;
      seen[group] = rank + 1;
      picked[group]?.offer(rank, this.latencies[index] as number);
    }
    return picked.map((picks) => figuresOf(picks.values));
  }

  private grow(slots: number): void {
    const latencies = new Float64Array(slots);
    latencies.set(this.latencies);
    this.latencies = latencies;
    const pairs = this.pairs instanceof Uint16Array ? new Uint16Array(slots) : new Uint32Array(slots);
    pairs.set(this.pairs);
    this.pairs = pairs;
  }
}

/** The values a group's figures read (p50's and p95's two neighbours, the max) by rank, as a sparse ascending array. */
class RankPicks {
  readonly values: { length: number; [rank: number]: number };
  private readonly wanted: Set<number>;

  constructor(size: number) {
    this.values = { length: size };
    this.wanted = new Set([size - 1]);
    for (const q of [50, 95]) {
      const low = Math.floor(((size - 1) * q) / 100);
      this.wanted.add(low).add(Math.min(size - 1, low + 1));
    }
  }

  offer(rank: number, value: number): void {
    if (this.wanted.has(rank)) this.values[rank] = value;
  }
}

/** numpy-style p50, p95 and max of ascending values (`sorted[k]` is read only at the ranks percentile() needs). */
function figuresOf(sorted: ArrayLike<number>): LatencyFigures {
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  const max = sorted[sorted.length - 1];
  return p50 === undefined || p95 === undefined || max === undefined ? null : { p50, p95, max };
}
