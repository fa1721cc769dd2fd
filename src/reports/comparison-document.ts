import type { IntervalSettings, RunInfo } from './report-document';

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
  /** Items compared (present in both runs). */
  readonly n: number;
  readonly baseline: number | null;
  readonly candidate: number | null;
  /** candidate - baseline. */
  readonly difference: number | null;
  /** Paired bootstrap interval of the difference. */
  readonly low: number | null;
  readonly high: number | null;
  readonly verdict: Verdict;
}

export interface GateResult {
  readonly tolerance: number;
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
    readonly same_dataset: boolean;
    readonly compared: number;
    readonly baseline_only: number;
    readonly candidate_only: number;
  };
  readonly overall: ComparisonEntry;
  readonly tracks: readonly ComparisonEntry[];
  readonly tasks: readonly ComparisonEntry[];
  readonly gate: GateResult | null;
  readonly warnings: readonly string[];
}
