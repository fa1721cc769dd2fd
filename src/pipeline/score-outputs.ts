import type { Dataset } from '../dataset/load-dataset';
import type { ShopBenchRow } from '../dataset/row';
import { aggregate } from '../scoring/aggregate';
import { getProfile } from '../scoring/profiles';
import type { ScoringResources } from '../scoring/profiles/scoring-profile';
import { metricDefinition } from '../scoring/metrics/registry';
import { completenessOf } from '../scoring/completeness';
import type { EmbeddingUse, ItemRecord, RunSummary, TaskSummary } from '../scoring/records';
import { loadJapaneseTokenizer } from '../scoring/text/japanese-tokenizer';
import type { Embedders, ProfileName, ScoredItem, SemanticMetric } from '../scoring/types';
import { scoreSemanticItems } from './score-semantic';

/** The answer to one row: its raw output, or the API error that left it without one. */
export interface ItemOutput {
  readonly output: string | null;
  readonly apiError?: string;
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
}

/** Parses and scores every row's output with the chosen profile, then aggregates tasks, tracks and overall. */
export async function scoreOutputs(args: ScoreOutputsArgs): Promise<ScoreResult> {
  const profile = getProfile(args.profile);
  const resources = args.resources ?? (await loadScoringResources(args.dataset.rows));
  const scored = new Map<string, ScoredItem | null>();
  for (const row of args.dataset.rows) {
    const answer = args.outputs.get(row.id);
    if (answer && answer.output === null) scored.set(row.id, null);
    else scored.set(row.id, profile.scoreItem(row, answer?.output ?? '', resources));
  }
  await scoreSemanticItems({ rows: args.dataset.rows, outputs: args.outputs, profile, scored, ...optional(args) });

  const items = args.dataset.rows.map((row) => toRecord(row, args.outputs.get(row.id), scored.get(row.id) ?? null));
  const aggregates = aggregate(
    args.dataset.rows.map((row) => {
      const item = scored.get(row.id) ?? null;
      return {
        taskName: row.taskName,
        track: row.track,
        taskType: row.taskType,
        metric: row.metric,
        score: item?.score ?? null,
        unparseable: item?.unparseable ?? false,
        missingPrediction: !args.outputs.has(row.id),
      };
    }),
    profile,
  );
  const rowIds = new Set(args.dataset.rows.map((row) => row.id));
  const tasks = aggregates.tasks.map((task) => withEmbedder(task, args.embedders));
  const summary: RunSummary = {
    schema_version: 1,
    profile: profile.name,
    dataset: { path: args.dataset.path, sha256: args.dataset.sha256, rows: args.dataset.rows.length },
    tasks,
    tracks: aggregates.tracks,
    overall: aggregates.overall,
    all_tasks_mean: aggregates.allTasksMean,
    left_out: aggregates.leftOut,
    ...describeEmbeddings(args),
    completeness: completenessOf(items),
    counts: {
      items: items.length,
      scored: items.filter((item) => item.score !== null || item.tp !== undefined).length,
      api_errors: items.filter((item) => item.api_error !== undefined).length,
      unparseable: items.filter((item) => item.unparseable).length,
      missing_predictions: items.filter((item) => item.missing_prediction).length,
      unknown_prediction_ids: [...args.outputs.keys()].filter((id) => !rowIds.has(id)).length,
    },
  };
  return { items, summary };
}

/** A semantic task names the embedder that scored it: two scores of it are comparable only with the same one. */
function withEmbedder(task: TaskSummary, embedders: Embedders | undefined): TaskSummary {
  if (metricDefinition(task.metric).needs !== 'embeddings' || task.status === 'unscored') return task;
  const embedder = embedders?.[task.metric as SemanticMetric];
  return embedder === undefined ? task : { ...task, embedder: { name: embedder.description, official: embedder.official === true } };
}

/** The semantic metrics of the dataset and what scored them (for summary.json and the run manifest). */
function describeEmbeddings(args: ScoreOutputsArgs): { embeddings?: Record<string, EmbeddingUse> } {
  const metrics = [...new Set(args.dataset.rows.map((row) => row.metric))].filter((metric) => metricDefinition(metric).needs === 'embeddings');
  if (metrics.length === 0) return {};
  const embeddings: Record<string, EmbeddingUse> = {};
  for (const metric of metrics) {
    const embedder = args.embedders?.[metric as SemanticMetric];
    embeddings[metric] = embedder ? { embedder: embedder.description, official: embedder.official === true } : { unavailable: args.embeddingUnavailable?.[metric] ?? 'no embedding backend was given' };
  }
  return { embeddings };
}

function optional(args: ScoreOutputsArgs): { embedders?: Embedders; embeddingUnavailable?: Partial<Record<string, string>> } {
  return {
    ...(args.embedders ? { embedders: args.embedders } : {}),
    ...(args.embeddingUnavailable ? { embeddingUnavailable: args.embeddingUnavailable } : {}),
  };
}

/** What scoring these rows needs beyond the text (the Japanese dictionary, about a second to load), loaded once. */
export async function loadScoringResources(rows: readonly ShopBenchRow[]): Promise<ScoringResources> {
  if (!rows.some((row) => row.metric === 'jp-bleu')) return {};
  return { japanese: await loadJapaneseTokenizer() };
}

function toRecord(row: ShopBenchRow, answer: ItemOutput | undefined, item: ScoredItem | null): ItemRecord {
  const score = item?.score;
  return {
    id: row.id,
    task_name: row.taskName,
    track: row.track,
    task_type: row.taskType,
    metric: row.metric,
    input: row.input,
    truth: row.truth,
    output: answer === undefined ? '' : answer.output,
    parsed: item?.parsed ?? null,
    score: score?.kind === 'value' ? score.value : null,
    ...(score?.kind === 'counts' ? { tp: score.tp, fp: score.fp, fn: score.fn } : {}),
    ...(score?.kind === 'error' ? { error: score.error } : {}),
    ...(score?.kind === 'unscored' ? { unscored: score.reason } : {}),
    unparseable: item?.unparseable ?? false,
    ...(answer === undefined ? { missing_prediction: true as const } : {}),
    ...(answer?.apiError !== undefined ? { api_error: answer.apiError } : {}),
  };
}
