import type { PromptRow } from '../dataset/row';
import type { BatchRecord, ResponseLogEntry } from '../rundir/response-log-file';
import { percentile } from './percentile';

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

class GroupTiming {
  private latencies = new Float64Array(64);
  private timed = 0;
  private items = 0;
  private promptTokens = 0;
  private completionTokens = 0;
  private seconds = 0;

  add(entry: ResponseLogEntry | undefined): void {
    this.items += 1;
    if (entry === undefined || entry.output === null) return;
    this.promptTokens += entry.usage?.prompt_tokens ?? 0;
    this.completionTokens += entry.usage?.completion_tokens ?? 0;
    if (entry.latency_ms === null) return;
    if (this.timed === this.latencies.length) {
      const grown = new Float64Array(this.latencies.length * 2);
      grown.set(this.latencies);
      this.latencies = grown;
    }
    this.latencies[this.timed] = entry.latency_ms;
    this.timed += 1;
    this.seconds += (entry.batch === undefined ? entry.latency_ms : entry.batch.wall_ms / entry.batch.size) / 1000;
  }

  figures(): TimingFigures {
    const sorted = this.latencies.slice(0, this.timed).sort();
    const p50 = percentile(sorted, 50);
    const p95 = percentile(sorted, 95);
    const max = sorted[sorted.length - 1];
    const rate = (count: number): number | null => (this.seconds > 0 ? round(count / this.seconds) : null);
    return {
      items: this.items,
      timed: this.timed,
      latency_ms:
        p50 === undefined || p95 === undefined || max === undefined ? null : { p50: round(p50), p95: round(p95), max: round(max) },
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
  private readonly overall = new GroupTiming();
  private readonly tracks = new Map<string, GroupTiming>();
  private readonly tasks = new Map<string, GroupTiming>();
  private lastBatch: string | undefined;
  private batchCount = 0;
  private overLimitCount = 0;
  private readonly overLimit: BatchRecord[] = [];

  /** `scale` multiplies measured batch times before the limit check (hardware faster or slower than the evaluator's). */
  constructor(
    private readonly perSampleLimitMs: number,
    private readonly scale: number = 1,
  ) {}

  add(row: Pick<PromptRow, 'taskName' | 'track'>, entry: ResponseLogEntry | undefined): void {
    this.overall.add(entry);
    group(this.tracks, row.track).add(entry);
    group(this.tasks, row.taskName).add(entry);
    const batch = entry?.batch;
    if (batch === undefined || batch.first_id === this.lastBatch) return;
    this.lastBatch = batch.first_id;
    this.batchCount += 1;
    if (batch.wall_ms * this.scale <= batch.size * this.perSampleLimitMs) return;
    this.overLimitCount += 1;
    if (this.overLimit.length < LISTED_BATCHES) this.overLimit.push(batch);
  }

  result(): RunTiming {
    const figures = (groups: Map<string, GroupTiming>): Record<string, TimingFigures> =>
      Object.fromEntries([...groups].map(([name, timing]) => [name, timing.figures()]));
    return {
      overall: this.overall.figures(),
      tracks: figures(this.tracks),
      tasks: figures(this.tasks),
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

function group(groups: Map<string, GroupTiming>, name: string): GroupTiming {
  let timing = groups.get(name);
  if (timing === undefined) groups.set(name, (timing = new GroupTiming()));
  return timing;
}
