import type { IntervalSettings, RunInfo, ScoreWithInterval } from './report-document';

/** The `document_type` of a JSON leaderboard; documented by src/schemas/leaderboard.schema.json. */
export const LEADERBOARD_DOCUMENT_TYPE = 'shopeval-leaderboard';
export const LEADERBOARD_SCHEMA_VERSION = 1;
/** Shown next to the score of a partial run (unanswered or API-error items): left-out items can inflate it, and it is not final. */
export const API_ERROR_MARKER = '!';
/** Shown next to the score of a run whose scored tasks or embedders differ from the other runs': not comparable. */
export const SCORING_MARKER = '*';

export interface LeaderboardEntry {
  readonly rank: number;
  /** The run's name, or its directory when another run has the same name: no two entries share a label. */
  readonly label: string;
  readonly run: RunInfo;
  /** The score the board is sorted by (see `sort_by`). */
  readonly value: ScoreWithInterval;
  readonly overall: ScoreWithInterval;
  /** Track scores by track name. */
  readonly tracks: Readonly<Record<string, ScoreWithInterval>>;
  readonly items: number;
  readonly api_errors: number;
  /** False for a partial run: its scores leave unanswered items out and are not final. */
  readonly complete: boolean;
  readonly answered: number;
  /** How its scored tasks or embedders differ from most runs' (empty: scored alike, comparable). */
  readonly scoring_differs: readonly string[];
  /** The run's overall latency and token figures (null when its manifest has none). */
  readonly timing: {
    readonly latency_p50_ms: number | null;
    readonly latency_p95_ms: number | null;
    readonly completion_tokens: number;
    readonly tokens_per_second: number | null;
  } | null;
}

/** A table of one score by two manifest tags (e.g. LoRA rank by training mix). */
export interface Pivot {
  readonly rows_tag: string;
  readonly cols_tag: string;
  /** Which score the cells hold: "overall", a track or a task. */
  readonly value: string;
  readonly row_values: readonly string[];
  readonly col_values: readonly string[];
  /** `cells[row][col]`; when several runs share a cell the score is their mean and the interval is omitted. */
  readonly cells: readonly (readonly (PivotCell | null)[])[];
}

export interface PivotCell extends ScoreWithInterval {
  /** The labels of the runs in the cell; more than one means the score is their mean (and has no interval). */
  readonly runs: readonly string[];
}

/** Many runs ranked by one score (`shopeval leaderboard --format json`). */
export interface Leaderboard {
  readonly document_type: typeof LEADERBOARD_DOCUMENT_TYPE;
  readonly schema_version: typeof LEADERBOARD_SCHEMA_VERSION;
  readonly sort_by: string;
  readonly profile: string;
  readonly dataset_sha256: string;
  readonly interval: IntervalSettings;
  readonly entries: readonly LeaderboardEntry[];
  readonly pivot: Pivot | null;
  readonly warnings: readonly string[];
}
