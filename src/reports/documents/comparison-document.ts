import type { McAgreement } from './answer-agreement';
import type { DroppedItems } from '../load/dropped-items';
import type { IntervalSettings, RunInfo } from './report-document';
import type { TimingDeltas } from './timing-deltas';

export type { DroppedItems } from '../load/dropped-items';

/** The `document_type` of a JSON comparison; documented by src/schemas/comparison.schema.json. */
export const COMPARISON_DOCUMENT_TYPE = 'shopeval-comparison';
export const COMPARISON_SCHEMA_VERSION = 1;

export type Verdict = 'better' | 'worse' | 'no clear change' | 'not comparable';

/** One row of a comparison: a task, a track or the overall score. */
export interface ComparisonEntry {
  readonly level: 'overall' | 'track' | 'task';
  /** Task name, track name, or "overall". */
  readonly name: string;
  readonly track: string | null;
  readonly metric: string | null;
  /** Items compared: present in both runs with a usable result in both. */
  readonly n: number;
  /** Items present in both runs but left out of both sides (an API error, scorer error or unscored item in one of them). */
  readonly dropped: DroppedItems;
  readonly baseline: number | null;
  readonly candidate: number | null;
  /** candidate - baseline. */
  readonly difference: number | null;
  /** Paired bootstrap interval of the difference. */
  readonly low: number | null;
  readonly high: number | null;
  readonly verdict: Verdict;
  /** Latency and token figures of both runs beside the score (null when neither run recorded them). */
  readonly timing: TimingDeltas | null;
}

/** The gate's own interval of one checked score, at the multiplicity-adjusted level. */
export interface GateInterval {
  readonly name: string;
  readonly difference: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

export interface GateResult {
  readonly tolerance: number;
  /** The interval level the gate decides with: 1 - (1 - display level) / k over the k checked scores (Bonferroni). */
  readonly level: number;
  readonly correction: 'bonferroni';
  /** The checked scores' intervals at `level` (the displayed intervals stay at the report's level). */
  readonly intervals: readonly GateInterval[];
  /** Entries the gate looked at: overall, every track, and any tasks asked for. */
  readonly checked: readonly string[];
  readonly failed: boolean;
  /** The regressions that failed the gate (empty when it passed). */
  readonly regressions: readonly string[];
  /** One line a CI log shows. */
  readonly message: string;
}

/** The JSON comparison of two runs (`shopeval compare --format json`). */
export interface Comparison {
  readonly document_type: typeof COMPARISON_DOCUMENT_TYPE;
  readonly schema_version: typeof COMPARISON_SCHEMA_VERSION;
  readonly baseline: RunInfo;
  readonly candidate: RunInfo;
  readonly interval: IntervalSettings;
  readonly items: {
    /** Same dataset content and the same item ids. */
    readonly same_dataset: boolean;
    /** Items usable in both runs: what the figures are computed on. */
    readonly compared: number;
    /** Items in both runs left out of both sides, and why. */
    readonly dropped: DroppedItems;
    readonly baseline_only: number;
    readonly candidate_only: number;
  };
  readonly overall: ComparisonEntry;
  readonly tracks: readonly ComparisonEntry[];
  readonly tasks: readonly ComparisonEntry[];
  readonly gate: GateResult | null;
  /** Multiple choice scored two ways (`--mc-scoring generate` vs `logprobs`): accuracy, agreement and unparseable answers per task. */
  readonly mc_agreement?: McAgreement;
  readonly warnings: readonly string[];
}
