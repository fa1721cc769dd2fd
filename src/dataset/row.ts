/** The names below are the dataset's own strings: keep them as data, map them to code in one registry. */
export const TASK_TYPES = ['multiple-choice', 'ranking', 'retrieval', 'named_entity_recognition', 'generation'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/**
 * Metric names are the metric registry's keys (a metric unit declares its own name); METRIC_NAMES lives beside the
 * registry, so loading this vocabulary (e.g. for `--help`) does not load every scorer.
 */
import type { MetricName } from '../scoring/metrics/registry';
export type { MetricName } from '../scoring/metrics/registry';

export const KNOWN_TRACKS = [
  'amazon-kdd-cup-24-understanding-shopping-concepts',
  'amazon-kdd-cup-24-shopping-knowledge-reasoning',
  'amazon-kdd-cup-24-user-behavior-alignment',
  'amazon-kdd-cup-24-multi-lingual-abilities',
] as const;

/** A Python int: a JS number while it is a safe integer, a bigint beyond (the official parsers keep arbitrary precision). */
export type PyInt = number | bigint;

/** A parsed JSON value. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Ground truth: the dataset's `output_field` as it is. Usually the shape its task type implies (an int, a list of
 * ints or strings, a string), but any JSON value is scored as the official code scores it (see scoring/odd-truth.ts).
 */
export type Truth = JsonValue;

/** Where a row came from, for error messages: `file:line` (the line its record starts on, JSON Lines or array). */
export interface RowSource {
  readonly file: string;
  /** 1-based line (`kind: 'line'`), or a 0-based array index (`kind: 'index'`, older run files). */
  readonly position: number;
  readonly kind: 'line' | 'index';
}

/** What answering a row needs; a labelled row and a test-set row both have it. */
export interface PromptRow {
  /** The row's `id`, or a stable one derived from its content (see dataset/row-id.ts). */
  readonly id: string;
  readonly input: string;
  /** Test-set rows may lack it (the competition hides it); max tokens then follow is_multiple_choice. */
  readonly taskType: TaskType | undefined;
  /** `task_name`, or a name derived from task type and metric when the row has none. */
  readonly taskName: string;
  /** `track`, or `"untracked"` when the row has none. */
  readonly track: string;
  readonly isMultipleChoice: boolean | undefined;
  readonly source: RowSource;
  readonly folderFile?: string;
  readonly unnamedTask?: true;
}

/**
 * A row of a test set: no truth (the competition's hidden rows carry only input_field and is_multiple_choice). It is
 * answered, never scored.
 */
export interface TestSetRow extends PromptRow {
  readonly isMultipleChoice: boolean;
}

/** A row as the run answers it: a test-set row, or a labelled one (whose metric the builtin baselines may read). */
export type AnswerRow = PromptRow & { readonly metric?: MetricName };

/** A row of any dataset: labelled (has a truth) or a test-set row; `'truth' in row` tells them apart. */
export type DatasetRow = ShopBenchRow | TestSetRow;

/** One validated ShopBench row: a PromptRow with its truth, and a task type and metric it always has. */
export interface ShopBenchRow extends PromptRow {
  readonly truth: Truth;
  readonly taskType: TaskType;
  readonly metric: MetricName;
}
