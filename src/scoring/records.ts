import type { MetricName, TaskType, Truth } from '../dataset/row';
import type { LabelChoice } from './choose-label';
import type { ParsedAnswer, ProfileName } from './types';

/**
 * One line of `items.jsonl` (written by `shopeval score` and `shopeval run`), snake_case as on disk.
 * Documented by src/schemas/items-line.schema.json.
 */
export interface ItemRecord {
  readonly id: string;
  /** Which repeat of the row (0-based), in a run made with --repeats over 1: items are identified by (id, repeat). */
  readonly repeat?: number;
  /** The ids of the few-shot examples shown with the question, in order (--few-shot). */
  readonly few_shot?: readonly string[];
  readonly task_name: string;
  readonly track: string;
  readonly task_type: TaskType;
  readonly metric: MetricName;
  readonly input: string;
  readonly truth: Truth;
  /** The raw model output; `null` when there is none (API error). A missing prediction is scored as "". */
  readonly output: string | null;
  /** The answer as the server sent it, when `output` was derived from it (`--strip-reasoning`, `--mc-scoring logprobs`). */
  readonly raw_output?: string;
  /** `--mc-scoring logprobs`: the option labels' log-probabilities, their distribution, the chosen label and how it was chosen. */
  readonly mc_logprobs?: LabelChoice;
  readonly parsed: ParsedAnswer | null;
  /** The per-item metric value; `null` for micro f1 (see tp/fp/fn), errors, unscored items and API errors. */
  readonly score: number | null;
  readonly tp?: number;
  readonly fp?: number;
  readonly fn?: number;
  /** The profile's original code raises (Python exception type) or returns NaN ("NaN") for this item. */
  readonly error?: string;
  /** Why the item could not be scored here (e.g. the metric needs an embedding model). */
  readonly unscored?: string;
  /** The parser found no answer (MC -1, empty list, empty generation). */
  readonly unparseable: boolean;
  /** The dataset row had no prediction (score mode); it was scored as an empty output. */
  readonly missing_prediction?: true;
  /** The request still failed after retries (run mode); the item is left out of its task's score. */
  readonly api_error?: string;
  /** The truth's type is not the metric's and the official code scores it 0 or raises: why. */
  readonly truth_note?: string;
}

/** A dataset row left out of scoring (`--skip-invalid-rows`) or scored oddly: `file:line` and why. */
export interface RowNote {
  readonly row: string;
  readonly reason: string;
}

/** Dataset identity in summary.json and manifest.json: `sha256` is over the normalised rows (see dataset/content-hash.ts). */
export interface DatasetIdentity {
  readonly path: string;
  readonly sha256: string;
  readonly rows: number;
  /** Each file read, with the SHA-256 of its bytes. */
  readonly files?: readonly { readonly path: string; readonly sha256: string; readonly rows: number }[];
  /** Invalid rows left out with --skip-invalid-rows. */
  readonly skipped_rows?: number;
}

/** What scored a semantic metric: the embedder and whether it is the official model (a score's identity), or why none could. */
export type EmbeddingUse = { readonly embedder: string; readonly official: boolean } | { readonly unavailable: string };

/** How much of the run has an answer: a run with unanswered or API-error items is partial and its overall is not final. */
export interface Completeness {
  readonly complete: boolean;
  readonly items: number;
  /** Items with an answer (a missing prediction is scored as an empty answer, so it counts). */
  readonly answered: number;
  readonly api_errors: number;
  readonly tracks: readonly { readonly track: string; readonly items: number; readonly answered: number; readonly coverage: number }[];
}

export type TaskStatus = 'scored' | 'unscored' | 'error' | 'empty';

export interface TaskSummary {
  readonly task_name: string;
  readonly track: string;
  readonly task_type: TaskType;
  readonly metric: MetricName;
  /** Items in the task (all of them, including API errors). */
  readonly n: number;
  /** Items that contributed to the score. */
  readonly n_scored: number;
  readonly score: number | null;
  readonly status: TaskStatus;
  /** Why the task has no score (status unscored / error / empty). */
  readonly reason?: string;
  /** micro f1 tasks: the summed counts. */
  readonly tp?: number;
  readonly fp?: number;
  readonly fn?: number;
  readonly api_errors: number;
  readonly unparseable: number;
  readonly missing_predictions: number;
  /** Semantic tasks: the embedder that scored them and whether it is the official model. */
  readonly embedder?: { readonly name: string; readonly official: boolean };
}

export interface TrackSummary {
  readonly track: string;
  /** Tasks that count in the track score. */
  readonly n_tasks: number;
  readonly score: number | null;
  /** Tasks of this track left out of its score (unscored, or every item an API error); see `left_out` for why. */
  readonly tasks_left_out: readonly string[];
  /** Why the track has no score (a task's original scorer raised or returned NaN, or no task could be scored). */
  readonly reason?: string;
}

/** One figure over the repeats of a run: each repeat's score, their mean and spread (see RepeatsSummary.spread). */
export interface RepeatFigures {
  readonly scores: readonly (number | null)[];
  readonly mean: number | null;
  readonly spread: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

/** A run made with --repeats over 1: the figures of each repeat, their spread, and how often a row's answers agree. */
export interface RepeatsSummary {
  readonly count: number;
  /** The statistic `spread` is. */
  readonly spread: string;
  /** What `agreement` counts. */
  readonly agreement: string;
  readonly tasks: readonly (RepeatFigures & {
    readonly task_name: string;
    readonly rows_compared: number;
    readonly agreement: number | null;
  })[];
  readonly tracks: readonly (RepeatFigures & { readonly track: string })[];
  readonly overall: RepeatFigures & { readonly rows_compared: number; readonly agreement: number | null };
}

/** `summary.json`, documented by src/schemas/summary.schema.json. */
/** How each multiple-choice task's labels were chosen from the first token's log-probabilities (summary.json). */
export interface McScoringSummary {
  readonly mode: 'logprobs';
  readonly tasks: readonly {
    readonly task_name: string;
    /** Items answered by log-probabilities (API errors left out). */
    readonly items: number;
    readonly all_labels_in_top_k: number;
    /** Items with fewer than all option labels visible: chosen among the visible ones (still the most probable label). */
    readonly some_labels_missing: number;
    /** No label visible: no choice, scored as unparseable. */
    readonly no_label_in_top_k: number;
    readonly no_options_in_prompt: number;
  }[];
}

export interface RunSummary {
  readonly schema_version: 1;
  readonly profile: ProfileName;
  readonly dataset: DatasetIdentity;
  /** The invalid rows --skip-invalid-rows left out (the first ones; `dataset.skipped_rows` counts all). */
  readonly skipped_rows?: readonly RowNote[];
  /** Rows whose truth's type makes the official code score 0 or raise (the first ones, and how many in all). */
  readonly truth_warnings?: { readonly count: number; readonly rows: readonly RowNote[] };
  readonly tasks: readonly TaskSummary[];
  readonly tracks: readonly TrackSummary[];
  /** Mean of the track scores (the competition's "Track 5" when all four tracks are present). */
  readonly overall: number | null;
  /** Mean over all scored tasks (local_evaluation.main()'s overall). */
  readonly all_tasks_mean: number | null;
  readonly left_out: readonly { readonly task_name: string; readonly reason: string }[];
  /** Which embedding backend and model scored each semantic metric of the dataset, or why none could. */
  readonly embeddings?: Readonly<Record<string, EmbeddingUse>>;
  /** Absent in summaries written before it existed (read as complete unless the counts say otherwise). */
  readonly completeness?: Completeness;
  readonly counts: {
    readonly items: number;
    readonly scored: number;
    readonly api_errors: number;
    readonly unparseable: number;
    readonly missing_predictions: number;
    readonly unknown_prediction_ids: number;
  };
  /** Runs made with --repeats over 1; the task, track and overall scores above are then the mean over repeats. */
  readonly repeats?: RepeatsSummary;
  /** `--mc-scoring logprobs`: per multiple-choice task, how the labels were chosen from the log-probabilities. */
  readonly mc_scoring?: McScoringSummary;
  /** SHA-256 of the items.jsonl written beside it: readers refuse a summary and items from different writes. */
  readonly items_sha256?: string;
}
