import { ShopevalError } from '../errors';
import { buildPivot, type PivotSpec } from './build-pivot';
import { buildRunReport, DEFAULT_REPORT_OPTIONS, type ReportOptions } from './build-run-report';
import { LEADERBOARD_DOCUMENT_TYPE, LEADERBOARD_SCHEMA_VERSION, type Leaderboard, type LeaderboardEntry } from './leaderboard-document';
import type { LoadedRun } from './load-run';
import type { RunReport } from './report-document';
import { canonicalKey, scoreByKey } from './score-key';

export interface LeaderboardOptions extends ReportOptions {
  /** Rank by "overall" (default), a track or a task. */
  readonly sortBy: string;
  readonly pivot: PivotSpec | null;
  /** The score in pivot cells (default: the sort key). */
  readonly pivotValue: string | null;
}

export const DEFAULT_LEADERBOARD_OPTIONS: LeaderboardOptions = { ...DEFAULT_REPORT_OPTIONS, sortBy: 'overall', pivot: null, pivotValue: null };

/** Runs scored with different profiles or on different datasets are refused: their scores are not comparable. */
function requireOneGroup(reports: readonly RunReport[]): void {
  const groups = new Map<string, string[]>();
  for (const report of reports) {
    const key = `profile ${report.run.profile}, dataset sha256 ${report.run.dataset.sha256.slice(0, 12) || 'unknown'}`;
    groups.set(key, [...(groups.get(key) ?? []), report.run.name]);
  }
  if (groups.size > 1) {
    const listing = [...groups].map(([key, names]) => `${key}: ${names.join(', ')}`).join('; ');
    throw new ShopevalError('bad-input', `the runs are not comparable (different profiles or datasets): ${listing}`, {
      hint: 'Make one leaderboard per group: pass only runs scored with the same profile on the same dataset.',
    });
  }
}

/** Ranks runs by one score with bootstrap intervals, optionally with a pivot of that score by two tags. */
export function buildLeaderboard(runs: readonly LoadedRun[], options: Partial<LeaderboardOptions> = {}): Leaderboard {
  const settings: LeaderboardOptions = { ...DEFAULT_LEADERBOARD_OPTIONS, ...options };
  if (runs.length === 0) throw new ShopevalError('bad-input', 'no run directories given', { hint: 'Pass run directories or globs.' });
  const reports = runs.map((run) => buildRunReport(run, settings));
  requireOneGroup(reports);
  const warnings: string[] = reports.flatMap((report) => report.warnings.map((warning) => `${report.run.name}: ${warning}`));
  const scored = reports.map((report) => ({ report, value: scoreByKey(report, settings.sortBy) }));
  scored.sort((left, right) => (right.value.score ?? -Infinity) - (left.value.score ?? -Infinity) || left.report.run.name.localeCompare(right.report.run.name));
  const entries: LeaderboardEntry[] = scored.map(({ report, value }, index) => ({
    rank: index + 1,
    run: report.run,
    value,
    overall: report.overall,
    tracks: Object.fromEntries(report.tracks.map((track) => [track.track, { score: track.score, low: track.low, high: track.high }])),
    items: report.counts.items,
    api_errors: report.counts.api_errors,
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
    pivot: settings.pivot ? buildPivot(reports, settings.pivot, pivotValue, warnings) : null,
    warnings,
  };
}
