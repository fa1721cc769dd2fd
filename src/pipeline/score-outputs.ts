import type { Dataset, DatasetScan } from '../dataset/load-dataset';
import { datasetIdentity, skippedRowNotes } from '../dataset/dataset-identity';
import type { MetricName } from '../dataset/row';
import { metricDefinition, metricNeeds } from '../scoring/metrics/registry';
import { getProfile } from '../scoring/profiles';
import type { ScoringResources } from '../scoring/profiles/scoring-profile';
import type { EmbeddingUse, ItemRecord, RunSummary, TaskSummary } from '../scoring/records';
import { loadJapaneseTokenizer } from '../scoring/text/japanese-tokenizer';
import type { Embedders, ProfileName } from '../scoring/types';
import type { LabelChoice } from '../scoring/choose-label';
import { describeTruthNotes } from './odd-truth-notes';
import { scoreRows, type ScoredRows } from './score-rows';

/** The answer to one row: its raw output, or the API error that left it without one. */
export interface ItemOutput {
  /** What the profile parses. */
  readonly output: string | null;
  readonly apiError?: string;
  /** The answer as the server sent it, when `output` is derived from it (reasoning stripped, a label chosen by logprobs). */
  readonly rawOutput?: string;
  /** `--mc-scoring logprobs`: the option labels' log-probabilities and the chosen label. */
  readonly mc?: LabelChoice;
}

export interface ScoreOutputsArgs {
  readonly dataset: Dataset;
  /** Outputs by row id. A row without an entry is a missing prediction, scored as an empty output and counted. */
  readonly outputs: ReadonlyMap<string, ItemOutput>;
  readonly profile: ProfileName;
  /** Embedding backends of the semantic metrics; without one, their tasks are reported unscored. */
  readonly embedders?: Embedders;
  /** Reasons a semantic metric has no backend (shown instead of the generic "needs an embedding model"). */
  readonly embeddingUnavailable?: Partial<Record<string, string>>;
  readonly resources?: ScoringResources;
}

export interface ScoreResult {
  readonly items: ItemRecord[];
  readonly summary: RunSummary;
  /** One warning listing the rows whose truth type makes the official code score 0 or raise; undefined when none. */
  readonly truthWarning?: string;
}

/** Parses and scores every row's output with the chosen profile, then aggregates tasks, tracks and overall (in memory). */
export async function scoreOutputs(args: ScoreOutputsArgs): Promise<ScoreResult> {
  const items: ItemRecord[] = [];
  const scored = await scoreRows({
    rows: args.dataset.rows,
    answerOf: (row) => args.outputs.get(row.id),
    profile: args.profile,
    resources: args.resources ?? (await loadScoringResources(args.dataset.metrics)),
    ...embeddingOptions(args),
    onItem: (record) => void items.push(record),
  });
  const rowIds = new Set(args.dataset.rows.map((row) => row.id));
  const unknown = [...args.outputs.keys()].filter((id) => !rowIds.has(id)).length;
  const summary = buildSummary({ ...args, rows: args.dataset.rows.length, scored, unknownPredictionIds: unknown });
  const truthWarning = describeTruthNotes(scored.truthNotes);
  return { items, summary, ...(truthWarning === undefined ? {} : { truthWarning }) };
}

/** summary.json from a scoring pass: the dataset's identity, the roll-up, the counts, and the rows to know about. */
export function buildSummary(args: {
  readonly dataset: DatasetScan;
  readonly profile: ProfileName;
  readonly rows: number;
  readonly scored: ScoredRows;
  readonly unknownPredictionIds: number;
  readonly embedders?: Embedders;
  readonly embeddingUnavailable?: Partial<Record<string, string>>;
}): RunSummary {
  const { aggregates, counts, truthNotes } = args.scored;
  const skipped = skippedRowNotes(args.dataset);
  return {
    schema_version: 1,
    profile: getProfile(args.profile).name,
    dataset: datasetIdentity(args.dataset, args.rows),
    ...(skipped.length > 0 ? { skipped_rows: skipped } : {}),
    ...(truthNotes.count > 0 ? { truth_warnings: truthNotes } : {}),
    tasks: aggregates.tasks.map((task) => withEmbedder(task, args.embedders)),
    tracks: aggregates.tracks,
    overall: aggregates.overall,
    all_tasks_mean: aggregates.allTasksMean,
    left_out: aggregates.leftOut,
    ...describeEmbeddings(args),
    completeness: args.scored.completeness,
    counts: { ...counts, unknown_prediction_ids: args.unknownPredictionIds },
  };
}

/** A semantic task names the embedder that scored it: two scores of it are comparable only with the same one. */
function withEmbedder(task: TaskSummary, embedders: Embedders | undefined): TaskSummary {
  if (!metricNeeds(task.metric, 'embeddings') || task.status === 'unscored') return task;
  const embedder = embedders?.[task.metric];
  return embedder === undefined ? task : { ...task, embedder: { name: embedder.description, official: embedder.official === true } };
}

/** The semantic metrics of the dataset and what scored them (for summary.json and the run manifest). */
function describeEmbeddings(args: {
  dataset: DatasetScan;
  embedders?: Embedders;
  embeddingUnavailable?: Partial<Record<string, string>>;
}): { embeddings?: Record<string, EmbeddingUse> } {
  const metrics = [...args.dataset.metrics].filter((metric) => metricNeeds(metric, 'embeddings'));
  if (metrics.length === 0) return {};
  const embeddings: Record<string, EmbeddingUse> = {};
  for (const metric of metrics) {
    const embedder = args.embedders?.[metric];
    embeddings[metric] = embedder
      ? { embedder: embedder.description, official: embedder.official === true }
      : { unavailable: args.embeddingUnavailable?.[metric] ?? 'no embedding backend was given' };
  }
  return { embeddings };
}

export function embeddingOptions(args: { embedders?: Embedders; embeddingUnavailable?: Partial<Record<string, string>> }): {
  embedders?: Embedders;
  embeddingUnavailable?: Partial<Record<string, string>>;
} {
  return {
    ...(args.embedders ? { embedders: args.embedders } : {}),
    ...(args.embeddingUnavailable ? { embeddingUnavailable: args.embeddingUnavailable } : {}),
  };
}

/** What these metrics' units declare they need beyond the text (the Japanese dictionary, about a second to load), loaded once. */
export async function loadScoringResources(metrics: Iterable<MetricName>): Promise<ScoringResources> {
  const needed = new Set([...metrics].map((metric) => metricDefinition(metric).needs));
  return needed.has('japanese-tokenizer') ? { japanese: await loadJapaneseTokenizer() } : {};
}
