import type { MetricName, PyInt, TaskType, Truth } from '../dataset/row';
import type { MetricNeeding } from './metrics/registry';

export const PROFILE_NAMES = ['kddcup2024', 'shoppingmmlu'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];
/** The profile used when none is named: the competition's own scorer. */
export const DEFAULT_PROFILE: ProfileName = 'kddcup2024';

/** What a profile's parser made of a raw output; its shape follows the task type. */
export type ParsedAnswer = PyInt | readonly PyInt[] | readonly string[] | string;

/** The per-item result of a metric. */
export type ItemScore =
  /** A number averaged into the task score (bool accuracy is 1 / 0). */
  | { readonly kind: 'value'; readonly value: number }
  /** micro f1: counts summed over the task before F1 is taken. */
  | { readonly kind: 'counts'; readonly tp: number; readonly fp: number; readonly fn: number }
  /** The profile's original code raises here (`error` is the Python exception type) or returns NaN (`error: "NaN"`). */
  | { readonly kind: 'error'; readonly error: string; readonly message: string }
  /** The metric could not be computed here (e.g. no embedding model); the task is left out of aggregates. */
  | { readonly kind: 'unscored'; readonly reason: string };

export interface ScorableItem {
  readonly taskType: TaskType;
  readonly metric: MetricName;
  readonly truth: Truth;
}

export interface ScoredItem {
  /** The parsed answer; `null` for profiles that have no separate parse step (shoppingmmlu). */
  readonly parsed: ParsedAnswer | null;
  readonly score: ItemScore;
  /** True when the parser found no answer in the output (see scoring/unparseable.ts). */
  readonly unparseable: boolean;
  /** The truth's type is not the metric's, and that made the official code score 0 or raise (why, in one sentence). */
  readonly truthNote?: string;
}

/** Turns sentences into vectors for the semantic-similarity metrics. */
export interface Embedder {
  /** A human-readable name of the backend and model, recorded in manifests. */
  readonly description: string;
  /** Whether this is the model the official scorer loads for its metric (its shape and name); false or absent: not known to be. */
  readonly official?: boolean;
  embed(texts: readonly string[]): Promise<readonly (readonly number[])[]>;
}

/** The sentence-embedding metrics: those whose unit declares `needs: 'embeddings'`. */
export type SemanticMetric = MetricNeeding<'embeddings'>;

/** Embedders by metric; a metric without one is reported unscored. */
export type Embedders = Partial<Record<SemanticMetric, Embedder>>;
