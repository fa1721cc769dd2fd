import type { ReplicaFigures } from '../../providers/pool/replica-figures';
import type { RepeatsSummary } from '../../scoring/records';
import type { MetricName, TaskType } from '../../dataset/row';
import type { Completeness, EmbeddingUse, RunSummary, TaskStatus } from '../../scoring/records';
import type { RunTiming } from '../../budget/run-timing';

/** The `document_type` of a JSON report; documented by src/schemas/report.schema.json. */
export const REPORT_DOCUMENT_TYPE = 'shopeval-report';
/** Bumped on any incompatible change to the JSON report. */
export const REPORT_SCHEMA_VERSION = 1;

/** A score and its bootstrap interval; all null when there is no score. */
export interface ScoreWithInterval {
  readonly score: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

export interface IntervalSettings {
  readonly method: 'percentile-bootstrap';
  readonly level: number;
  readonly resamples: number;
  readonly seed: number;
}

/** Who and what produced a run, from its manifest and summary. */
export interface RunInfo {
  readonly name: string;
  readonly directory: string;
  readonly model: string | null;
  readonly provider: string | null;
  readonly tags: Readonly<Record<string, string>>;
  readonly started_at: string | null;
  readonly ended_at: string | null;
  readonly profile: string;
  readonly dataset: { readonly path: string; readonly sha256: string; readonly rows: number };
  readonly shopeval_version: string | null;
  /** A replica pool's figures per replica (several --base-url); absent for one endpoint. */
  readonly replicas?: readonly ReplicaFigures[];
}

export interface ReportTask extends ScoreWithInterval {
  readonly task_name: string;
  /** The dataset's track id. */
  readonly track: string;
  /** The track's one display name, as every table and report shows it. */
  readonly track_name: string;
  readonly task_type: TaskType;
  readonly metric: MetricName;
  readonly status: TaskStatus;
  readonly reason: string | null;
  readonly n: number;
  readonly n_scored: number;
  readonly api_errors: number;
  readonly unparseable: number;
  readonly missing_predictions: number;
  /** Items the profile's scorer raised on (counted in `n`, not in the score). */
  readonly scorer_errors: number;
  /** Semantic tasks: the embedder that scored the task and whether it is the official model. */
  readonly embedder: { readonly name: string; readonly official: boolean } | null;
}

export interface ReportTrack extends ScoreWithInterval {
  readonly track: string;
  readonly track_name: string;
  readonly n_tasks: number;
  readonly tasks_left_out: readonly string[];
}

/** The JSON report of one run (`shopeval report --format json`). */
export interface RunReport {
  readonly document_type: typeof REPORT_DOCUMENT_TYPE;
  readonly schema_version: typeof REPORT_SCHEMA_VERSION;
  readonly run: RunInfo;
  readonly interval: IntervalSettings;
  readonly overall: ScoreWithInterval;
  /** Mean over all scored tasks (the official local evaluation's overall). */
  readonly all_tasks_mean: number | null;
  readonly tracks: readonly ReportTrack[];
  readonly tasks: readonly ReportTask[];
  /** A partial run (unanswered or API-error items): its overall is not final. */
  readonly completeness: Completeness;
  /** What scored each semantic metric (and whether it is the official model), or why nothing could. */
  readonly embeddings: Readonly<Record<string, EmbeddingUse>>;
  /** summary.json's counts, less unknown prediction ids (a score-time detail). */
  readonly counts: Omit<RunSummary['counts'], 'unknown_prediction_ids'>;
  /** Problems a reader should know about (e.g. the items disagree with summary.json). */
  readonly warnings: readonly string[];
  /** The settings that change answers, as the manifest records them (every prompt field, the provider and endpoint, the checkpoint identity). */
  readonly settings: readonly RunSetting[];
  /** From the manifest's start to its end; null for a directory without a finished manifest. */
  readonly duration_seconds: number | null;
  /** Latency and token figures per task, track and overall (the manifest's); null for runs without them (`shopeval score`, older runs). */
  readonly timing: RunTiming | null;
  /** A run made with --repeats: summary.json's figures per repeat, spread and agreement (absent otherwise). */
  readonly repeats?: RepeatsSummary;
}

/** One answer-changing setting: `prompt.temperature` = `0`. */
export interface RunSetting {
  readonly name: string;
  readonly value: string;
}
