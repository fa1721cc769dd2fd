import { createHash } from 'node:crypto';
import { ShopevalError } from '../errors';
import { buildPivot, type PivotSpec } from './build-pivot';
import { buildRunReport, DEFAULT_REPORT_OPTIONS, type ReportOptions } from './build-run-report';
import { API_ERROR_MARKER, SCORING_MARKER, LEADERBOARD_DOCUMENT_TYPE, LEADERBOARD_SCHEMA_VERSION, type Leaderboard, type LeaderboardEntry } from './leaderboard-document';
import type { LoadedRun } from './load-run';
import type { RunReport } from './report-document';
import { resumeCommand } from './run-directory-state';
import { canonicalKey, scoreByKey } from './score-key';
import { commonSignature, scoringSignature, signatureDifferences } from './scoring-signature';

export interface LeaderboardOptions extends ReportOptions {
  /** Rank by "overall" (default), a track or a task. */
  readonly sortBy: string;
  readonly pivot: PivotSpec | null;
  /** The score in pivot cells (default: the sort key). */
  readonly pivotValue: string | null;
  /** Unfinished run directories a glob matched and the caller skipped; each gets a warning. */
  readonly skippedUnfinished: readonly string[];
}

export const DEFAULT_LEADERBOARD_OPTIONS: LeaderboardOptions = { ...DEFAULT_REPORT_OPTIONS, sortBy: 'overall', pivot: null, pivotValue: null, skippedUnfinished: [] };

/** Runs over different item sets (e.g. one made with --limit or --tracks) share a dataset hash but not their scores' meaning. */
function itemSetKey(run: LoadedRun): string {
  const hash = createHash('sha256');
  for (const id of run.items.map((item) => item.id).sort()) hash.update(`${id}\n`);
  return hash.digest('hex');
}

/**
 * Runs scored with different profiles, on different datasets, or on different items of one dataset are refused:
 * their scores are not comparable. The message names the runs outside the largest group.
 */
function requireOneGroup(runs: readonly LoadedRun[], reports: readonly RunReport[]): void {
  const groups = new Map<string, { label: string; names: string[] }>();
  reports.forEach((report, index) => {
    const run = runs[index] as LoadedRun;
    const key = `${report.run.profile}|${report.run.dataset.sha256}|${itemSetKey(run)}`;
    const label = `profile ${report.run.profile}, dataset sha256 ${report.run.dataset.sha256.slice(0, 12) || 'unknown'}, ${run.items.length} items`;
    const group = groups.get(key) ?? { label, names: [] };
    group.names.push(report.run.name);
    groups.set(key, group);
  });
  if (groups.size <= 1) return;
  const ordered = [...groups.values()].sort((left, right) => right.names.length - left.names.length);
  const odd = ordered.slice(1).flatMap((group) => group.names);
  const listing = ordered.map((group) => `${group.label}: ${group.names.join(', ')}`).join('; ');
  throw new ShopevalError('bad-input', `the runs are not comparable (different profiles, datasets or item sets); odd runs: ${odd.join(', ')} (${listing})`, {
    hint: 'Make one leaderboard per group: pass only runs scored with the same profile on the same items (a run made with --limit, --tasks or --tracks covers fewer items).',
  });
}

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

/** Ranks runs by one score with bootstrap intervals, optionally with a pivot of that score by two tags. */
export function buildLeaderboard(runs: readonly LoadedRun[], options: Partial<LeaderboardOptions> = {}): Leaderboard {
  const settings: LeaderboardOptions = { ...DEFAULT_LEADERBOARD_OPTIONS, ...options };
  if (runs.length === 0) throw new ShopevalError('bad-input', 'no run directories given', { hint: 'Pass run directories or globs.' });
  const reports = runs.map((run) => buildRunReport(run, settings));
  requireOneGroup(runs, reports);
  const signatures = reports.map(scoringSignature);
  const common = commonSignature(signatures);
  const differs = signatures.map((signature) => (common === undefined ? [] : signatureDifferences(common, signature)));
  const warnings: string[] = [
    ...settings.skippedUnfinished.map((directory) => `${directory}: this run has not finished and is left out: resume it with \`${resumeCommand(directory)}\``),
    ...apiErrorWarnings(reports),
    ...reports.flatMap((report, index) => {
      const differences = differs[index] ?? [];
      return differences.length === 0 ? [] : [`${report.run.name}: scored differently from the other runs (${differences.join('; ')}): its scores are not comparable (marked ${SCORING_MARKER})`];
    }),
    ...reports.flatMap((report) => report.warnings.map((warning) => `${report.run.name}: ${warning}`)),
  ];
  const scored = reports.map((report, index) => ({ report, value: scoreByKey(report, settings.sortBy), differs: differs[index] ?? [] }));
  scored.sort((left, right) => (right.value.score ?? -Infinity) - (left.value.score ?? -Infinity) || left.report.run.name.localeCompare(right.report.run.name));
  const entries: LeaderboardEntry[] = scored.map(({ report, value, differs: scoringDiffers }, index) => ({
    rank: index + 1,
    run: report.run,
    value,
    overall: report.overall,
    tracks: Object.fromEntries(report.tracks.map((track) => [track.track, { score: track.score, low: track.low, high: track.high }])),
    items: report.counts.items,
    api_errors: report.counts.api_errors,
    complete: report.completeness.complete,
    answered: report.completeness.answered,
    scoring_differs: scoringDiffers,
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
