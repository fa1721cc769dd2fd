import { trackDisplayName } from '../../dataset/track-names';
import { bootstrapScores, type BootstrapOptions, type BootstrapTask, DEFAULT_BOOTSTRAP } from '../../stats/bootstrap-scores';
import { percentileInterval } from '../../stats/percentile-interval';
import { PROFILES } from '../../scoring/profiles';
import { contributionsScore } from '../../scoring/roll-up';
import { countedTasks, itemContribution, itemsByTask } from '../load/item-contribution';
import type { LoadedRun } from '../load/load-run';
import {
  REPORT_DOCUMENT_TYPE,
  REPORT_SCHEMA_VERSION,
  type ReportTask,
  type ReportTrack,
  type RunReport,
  type ScoreWithInterval,
} from './report-document';
import { completenessOf } from '../../scoring/completeness';
import { runInfo } from './run-info';
import { datasetWarnings } from './dataset-warnings';

export interface ReportOptions extends BootstrapOptions {
  /** Interval coverage (default 0.95). */
  readonly level: number;
}

export const DEFAULT_REPORT_OPTIONS: ReportOptions = { ...DEFAULT_BOOTSTRAP, level: 0.95 };

function withInterval(score: number | null, replicates: readonly number[] | undefined, level: number): ScoreWithInterval {
  const interval = score === null || !replicates ? null : percentileInterval(replicates, level);
  return { score, low: interval?.low ?? null, high: interval?.high ?? null };
}

/** One run's scores (from summary.json, the official figures) with bootstrap intervals computed from items.jsonl. */
export function buildRunReport(run: LoadedRun, options: Partial<ReportOptions> = {}): RunReport {
  const settings: ReportOptions = { ...DEFAULT_REPORT_OPTIONS, ...options };
  const { summary } = run;
  const groups = itemsByTask(run.items);
  const warnings: string[] = datasetWarnings(summary);
  const profile = PROFILES[summary.profile];
  const bootstrapTasks: BootstrapTask[] = countedTasks(summary).map((task) => {
    const contributions = (groups.get(task.task_name) ?? []).map(itemContribution).filter((entry) => entry !== null);
    const recomputed = contributionsScore(task.metric, contributions, profile);
    // the one roll-up gives summary.json's figure back to the bit; a repeated run's headline is a mean over repeats,
    // which the rows' collapsed (averaged) items do not give back exactly
    if (summary.repeats === undefined && recomputed !== task.score) {
      warnings.push(`${task.task_name}: items.jsonl gives ${recomputed} but summary.json says ${String(task.score)}`);
    }
    return { taskName: task.task_name, track: task.track, metric: task.metric, sides: [contributions] };
  });
  const replicates = bootstrapScores(bootstrapTasks, profile, settings);

  const tasks: ReportTask[] = summary.tasks.map((task) => {
    const items = groups.get(task.task_name) ?? [];
    const rows = task.n / (summary.repeats?.count ?? 1); // a repeated run's items are rows × repeats; run.items has one per row
    if (items.length !== rows) warnings.push(`${task.task_name}: ${items.length} items in items.jsonl, summary.json says ${rows}`);
    return {
      task_name: task.task_name,
      track: task.track,
      track_name: trackDisplayName(task.track),
      task_type: task.task_type,
      metric: task.metric,
      status: task.status,
      reason: task.reason ?? null,
      n: task.n,
      n_scored: task.n_scored,
      ...withInterval(task.status === 'scored' ? task.score : null, replicates.tasks.get(task.task_name)?.[0], settings.level),
      api_errors: task.api_errors,
      unparseable: task.unparseable,
      missing_predictions: task.missing_predictions,
      scorer_errors: items.filter((item) => item.error !== undefined).length,
      embedder: task.embedder ?? null,
    };
  });
  const tracks: ReportTrack[] = summary.tracks.map((track) => ({
    track: track.track,
    track_name: trackDisplayName(track.track),
    ...withInterval(track.score, replicates.tracks.get(track.track)?.[0], settings.level),
    n_tasks: track.n_tasks,
    tasks_left_out: track.tasks_left_out,
  }));
  return {
    document_type: REPORT_DOCUMENT_TYPE,
    schema_version: REPORT_SCHEMA_VERSION,
    run: runInfo(run),
    interval: { method: 'percentile-bootstrap', level: settings.level, resamples: settings.resamples, seed: settings.seed },
    overall: withInterval(summary.overall, replicates.overall[0], settings.level),
    all_tasks_mean: summary.all_tasks_mean ?? null,
    completeness: summary.completeness ?? completenessOf(run.items),
    embeddings: summary.embeddings ?? {},
    tracks,
    tasks,
    counts: {
      items: summary.counts?.items ?? run.items.length,
      scored: summary.counts?.scored ?? 0,
      api_errors: summary.counts?.api_errors ?? 0,
      unparseable: summary.counts?.unparseable ?? 0,
      missing_predictions: summary.counts?.missing_predictions ?? 0,
    },
    warnings,
    settings: (run.manifest.settings ?? []).map(([name, value]) => ({ name, value })),
    duration_seconds: run.manifest.durationSeconds ?? null,
    timing: run.manifest.timing ?? null,
    ...(summary.repeats === undefined ? {} : { repeats: summary.repeats }),
  };
}
