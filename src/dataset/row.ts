/** The names below are the dataset's own strings: keep them as data, map them to code in one registry. */
export const TASK_TYPES = ['multiple-choice', 'ranking', 'retrieval', 'named_entity_recognition', 'generation'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const METRIC_NAMES = [
  'accuracy',
  'hit rate@3',
  'ndcg',
  'micro f1',
  'rougel',
  'bleu',
  'jp-bleu',
  'sent-transformer',
  'multilingual-sent-transformer',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export const KNOWN_TRACKS = [
  'amazon-kdd-cup-24-understanding-shopping-concepts',
  'amazon-kdd-cup-24-shopping-knowledge-reasoning',
  'amazon-kdd-cup-24-user-behavior-alignment',
  'amazon-kdd-cup-24-multi-lingual-abilities',
] as const;

/** A Python int: a JS number while it is a safe integer, a bigint beyond (the official parsers keep arbitrary precision). */
export type PyInt = number | bigint;

/** Ground truth, in the shape of the dataset's `output_field`. */
export type Truth = number | string | readonly number[] | readonly string[];

/** Where a row came from, for error messages: `file:line` (JSON Lines) or `file[index]` (JSON array). */
export interface RowSource {
  readonly file: string;
  /** 1-based line for JSON Lines, 0-based array index for a JSON array. */
  readonly position: number;
  readonly kind: 'line' | 'index';
}

/** One validated ShopBench row. */
export interface ShopBenchRow {
  /** The row's `id`, or a stable one derived from its content (see dataset/row-id.ts). */
  readonly id: string;
  readonly input: string;
  readonly truth: Truth;
  readonly taskType: TaskType;
  readonly metric: MetricName;
  /** `task_name`, or a name derived from task type and metric when the row has none. */
  readonly taskName: string;
  /** `track`, or `"untracked"` when the row has none. */
  readonly track: string;
  readonly isMultipleChoice: boolean | undefined;
  readonly source: RowSource;
}
