import { ShopevalError } from '../../errors';
import { buildPivot, type PivotSpec } from './build-pivot';
import { buildRunReport, DEFAULT_REPORT_OPTIONS, type ReportOptions } from './build-run-report';
import {
  API_ERROR_MARKER,
  SCORING_MARKER,
  LEADERBOARD_DOCUMENT_TYPE,
  LEADERBOARD_SCHEMA_VERSION,
  type Leaderboard,
  type LeaderboardEntry,
} from './leaderboard-document';
import type { LoadedRun } from '../load/load-run';
import { uniqueRunLabels } from './run-labels';
import { type RunSelection, selectLeaderboardRuns } from './select-leaderboard-runs';
import type { RunReport } from './report-document';
import { resumeCommand } from '../load/run-directory-state';
import { canonicalKey, scoreByKey, timingKey } from './score-key';
import { commonSignature, scoringSignature, signatureDifferences } from './scoring-signature';

export interface LeaderboardOptions extends ReportOptions, RunSelection {
  /** Rank by "overall" (default), a track or a task. */
  readonly sortBy: string;
  readonly pivot: PivotSpec | null;
  /** The score in pivot cells (default: the sort key). */
  readonly pivotValue: string | null;
  /** Unfinished run directories a glob matched and the caller skipped; each gets a warning. */
  readonly skippedUnfinished: readonly string[];
  /** Arguments that named no run and were skipped (e.g. a stray file a shell glob matched), with why. */
  readonly skippedArguments: readonly string[];
  /** Let a pivot cell hold the mean of several runs (marked in every format); by default such a cell is refused. */
  readonly pivotMeans: boolean;
}

export const DEFAULT_LEADERBOARD_OPTIONS: LeaderboardOptions = {
  ...DEFAULT_REPORT_OPTIONS,
  sortBy: 'overall',
  pivot: null,
  pivotValue: null,
  skippedUnfinished: [],
  skippedArguments: [],
  pivotMeans: false,
  exclude: [],
  skipIncompatible: false,
};

/** Left-out API-error items make a score look better than the run's answers were, and the run is not finished. */
function apiErrorWarnings(reports: readonly RunReport[]): string[] {
  return reports
    .filter((report) => !report.completeness.complete || report.counts.api_errors > 0)
    .map(
      (report) =>
        `${report.run.name}: PARTIAL RUN, ${report.completeness.answered} of ${report.completeness.items} items answered; ` +
        `${report.counts.api_errors} API error${report.counts.api_errors === 1 ? '' : 's'} left out of its scores, which may be inflated and are not final (marked ${API_ERROR_MARKER})`,
    );
}

/** The run's overall latency and token figures, or null for a run without them. */
function entryTiming(report: RunReport): LeaderboardEntry['timing'] {
  const figures = report.timing?.overall;
  if (figures === undefined) return null;
  return {
    latency_p50_ms: figures.latency_ms?.p50 ?? null,
    latency_p95_ms: figures.latency_ms?.p95 ?? null,
    completion_tokens: figures.completion_tokens,
    tokens_per_second: figures.tokens_per_second,
  };
}

/** Ranks runs by one score with bootstrap intervals, optionally with a pivot of that score by two tags. */
export function buildLeaderboard(runs: readonly LoadedRun[], options: Partial<LeaderboardOptions> = {}): Leaderboard {
  const settings: LeaderboardOptions = { ...DEFAULT_LEADERBOARD_OPTIONS, ...options };
  if (runs.length === 0) throw new ShopevalError('bad-input', 'no run directories given', { hint: 'Pass run directories or globs.' });
  const warnings: string[] = [
    ...settings.skippedArguments,
    ...settings.skippedUnfinished.map(
      (directory) => `${directory}: this run has not finished and is left out: resume it with \`${resumeCommand(directory)}\``,
    ),
  ];
  const selected = selectLeaderboardRuns(
    runs.map((run) => ({ run, report: buildRunReport(run, settings) })),
    settings,
    warnings,
  );
  const reports = selected.map((candidate) => candidate.report);
  const uniqueLabels = uniqueRunLabels(reports.map((report) => report.run));
  const labels = new Map(reports.map((report, index) => [report, uniqueLabels[index] ?? report.run.name]));
  const signatures = reports.map(scoringSignature);
  const common = commonSignature(signatures);
  const differs = signatures.map((signature) => (common === undefined ? [] : signatureDifferences(common, signature)));
  warnings.push(
    ...apiErrorWarnings(reports),
    ...reports.flatMap((report, index) => {
      const differences = differs[index] ?? [];
      return differences.length === 0
        ? []
        : [
            `${report.run.name}: scored differently from the other runs (${differences.join('; ')}): its scores are not comparable (marked ${SCORING_MARKER})`,
          ];
    }),
    ...reports.flatMap((report) => report.warnings.map((warning) => `${report.run.name}: ${warning}`)),
  );
  const scored = reports.map((report, index) => ({ report, value: scoreByKey(report, settings.sortBy), differs: differs[index] ?? [] }));
  // scores rank high first; a latency or token count ranks low first; a run without the figure ranks last either way
  const direction = timingKey(settings.sortBy)?.lowerIsBetter === true ? -1 : 1;
  const rankValue = (score: number | null): number => (score === null ? -Infinity : direction * score);
  scored.sort(
    (left, right) =>
      rankValue(right.value.score) - rankValue(left.value.score) ||
      (labels.get(left.report) ?? '').localeCompare(labels.get(right.report) ?? ''),
  );
  const entries: LeaderboardEntry[] = scored.map(({ report, value, differs: scoringDiffers }, index) => ({
    rank: index + 1,
    label: labels.get(report) ?? report.run.name,
    run: report.run,
    value,
    overall: report.overall,
    tracks: Object.fromEntries(report.tracks.map((track) => [track.track, { score: track.score, low: track.low, high: track.high }])),
    items: report.counts.items,
    api_errors: report.counts.api_errors,
    complete: report.completeness.complete,
    answered: report.completeness.answered,
    scoring_differs: scoringDiffers,
    timing: entryTiming(report),
  }));
  const first = reports[0] as RunReport;
  const pivotValue = settings.pivotValue ?? settings.sortBy;
  return {
    document_type: LEADERBOARD_DOCUMENT_TYPE,
    schema_version: LEADERBOARD_SCHEMA_VERSION,
    sort_by: canonicalKey(first, settings.sortBy),
    profile: first.run.profile,
    dataset_sha256: first.run.dataset.sha256,
    interval: first.interval,
    entries,
    pivot: settings.pivot
      ? buildPivot(
          reports.map((report) => ({ report, label: labels.get(report) ?? report.run.name })),
          { ...settings.pivot, value: pivotValue, allowMeans: settings.pivotMeans },
          warnings,
        )
      : null,
    warnings,
  };
}
