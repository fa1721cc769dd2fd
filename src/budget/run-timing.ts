import type { PromptRow } from '../dataset/row';
import type { BatchRecord, ResponseLogEntry } from '../rundir/response-log-file';
import { LatencyStore, type LatencyFigures } from './latency-store';

/**
 * Latency and token figures of a group of items (a task, a track, the run). `seconds` is the time the items took as the
 * evaluator would count it: each item's share of its batch's wall time (wall / batch size) with --batch-size, else its
 * own latency (as if sent one at a time). Rates are per those seconds.
 */
export interface TimingFigures {
  readonly items: number;
  /** Answers with a measured latency (a cache hit carries the original call's). */
  readonly timed: number;
  /** Percentiles with numpy's default linear interpolation, over the timed answers; null when none. */
  readonly latency_ms: { readonly p50: number; readonly p95: number; readonly max: number } | null;
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly seconds: number;
  readonly items_per_second: number | null;
  readonly tokens_per_second: number | null;
}

/** Batches sent with --batch-size, and those over the per-sample limit (the first ones listed, all counted). */
export interface BatchFigures {
  readonly count: number;
  readonly per_sample_limit_ms: number;
  readonly over_limit_count: number;
  readonly over_limit: readonly BatchRecord[];
}

/** The `timing` section of a run's manifest. */
export interface RunTiming {
  readonly overall: TimingFigures;
  readonly tracks: Readonly<Record<string, TimingFigures>>;
  readonly tasks: Readonly<Record<string, TimingFigures>>;
  readonly batches: BatchFigures | null;
}

const LISTED_BATCHES = 50;

/** A group's counts and sums; its latencies live in the run's one LatencyStore, under the group's number. */
class GroupTiming {
  private timed = 0;
  private items = 0;
  private promptTokens = 0;
  private completionTokens = 0;
  private seconds = 0;

  constructor(readonly number: number) {}

  add(entry: ResponseLogEntry | undefined): void {
    this.items += 1;
    if (entry === undefined || entry.output === null) return;
    this.promptTokens += entry.usage?.prompt_tokens ?? 0;
    this.completionTokens += entry.usage?.completion_tokens ?? 0;
    if (entry.latency_ms === null) return;
    this.timed += 1;
    this.seconds += (entry.batch === undefined ? entry.latency_ms : entry.batch.wall_ms / entry.batch.size) / 1000;
  }

  figures(latencies: LatencyFigures): TimingFigures {
    const rate = (count: number): number | null => (this.seconds > 0 ? round(count / this.seconds) : null);
    return {
      items: this.items,
      timed: this.timed,
      latency_ms: latencies === null ? null : { p50: round(latencies.p50), p95: round(latencies.p95), max: round(latencies.max) },
      prompt_tokens: this.promptTokens,
      completion_tokens: this.completionTokens,
      seconds: round(this.seconds),
      items_per_second: rate(this.timed),
      tokens_per_second: rate(this.completionTokens),
    };
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Builds a run's timing from its logged answers, one row at a time in dataset order (batches are consecutive rows). */
export class RunTimingAccumulator {
  private readonly overall = new GroupTiming(0);
  private readonly latencies: LatencyStore;
  /** (task number, track number) -> the pair's number in the latency store, and back. */
  private readonly pairs = new Map<number, number>();
  private readonly pairTask: number[] = [];
  private readonly pairTrack: number[] = [];
  /** The last result(), until the next add(). */
  private cached: RunTiming | undefined;
  private readonly tracks = new Map<string, GroupTiming>();
  private readonly tasks = new Map<string, GroupTiming>();
  private lastBatch: string | undefined;
  private batchCount = 0;
  private overLimitCount = 0;
  private readonly overLimit: BatchRecord[] = [];

  /**
   * `scale` multiplies measured batch times before the limit check (hardware faster or slower than the evaluator's);
   * `expectedItems` (the run's items) sizes the latency store up front.
   */
  constructor(
    private readonly perSampleLimitMs: number,
    private readonly scale: number = 1,
    expectedItems = 0,
  ) {
    this.latencies = new LatencyStore(expectedItems);
  }

  add(row: Pick<PromptRow, 'taskName' | 'track'>, entry: ResponseLogEntry | undefined): void {
    this.overall.add(entry);
    const track = group(this.tracks, row.track);
    const task = group(this.tasks, row.taskName);
    track.add(entry);
    task.add(entry);
    this.cached = undefined;
    if (entry !== undefined && entry.output !== null && entry.latency_ms !== null)
      this.latencies.add(entry.latency_ms, this.pairOf(task.number, track.number));
    const batch = entry?.batch;
    if (batch === undefined || batch.first_id === this.lastBatch) return;
    this.lastBatch = batch.first_id;
    this.batchCount += 1;
    if (batch.wall_ms * this.scale <= batch.size * this.perSampleLimitMs) return;
    this.overLimitCount += 1;
    if (this.overLimit.length < LISTED_BATCHES) this.overLimit.push(batch);
  }

  private pairOf(task: number, track: number): number {
    const key = task * PAIR_SHIFT + track;
    let pair = this.pairs.get(key);
    if (pair === undefined) {
      pair = this.pairTask.length;
      this.pairs.set(key, pair);
      this.pairTask.push(task);
      this.pairTrack.push(track);
    }
    return pair;
  }

  /** The figures so far (computed once until the next add()). */
  result(): RunTiming {
    this.cached ??= this.compute();
    return this.cached;
  }

  private compute(): RunTiming {
    const latencies = this.latencies.figures(this.pairTask, this.tasks.size, this.pairTrack, this.tracks.size);
    const figures = (groups: Map<string, GroupTiming>, byNumber: readonly LatencyFigures[]): Record<string, TimingFigures> =>
      Object.fromEntries([...groups].map(([name, timing]) => [name, timing.figures(byNumber[timing.number] ?? null)]));
    return {
      overall: this.overall.figures(latencies.overall),
      tracks: figures(this.tracks, latencies.tracks),
      tasks: figures(this.tasks, latencies.tasks),
      batches:
        this.batchCount === 0
          ? null
          : {
              count: this.batchCount,
              per_sample_limit_ms: this.perSampleLimitMs,
              over_limit_count: this.overLimitCount,
              over_limit: this.overLimit,
            },
    };
  }
}

/** Numbers are far below 2^26 (one per task or track seen): the two fit one exact integer key. */
const PAIR_SHIFT = 2 ** 26;

function group(groups: Map<string, GroupTiming>, name: string): GroupTiming {
  let timing = groups.get(name);
  if (timing === undefined) groups.set(name, (timing = new GroupTiming(groups.size)));
  return timing;
}
