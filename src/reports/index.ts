/** The reports API: load runs, build documents (report, comparison, leaderboard), render them by format name. */
export { loadRunDirectory, type LoadedRun } from './load-run';
export { readManifestInfo, type RunManifestInfo } from './run-manifest';
export { expandRunPaths, expandGlob, findRunDirectories, type FoundRunDirectories } from './expand-run-paths';
export { runDirectoryState, resumeCommand, type RunDirectoryState } from './run-directory-state';
export { buildRunReport, DEFAULT_REPORT_OPTIONS, type ReportOptions } from './build-run-report';
export { compareRuns, DEFAULT_COMPARE_OPTIONS, type CompareOptions } from './compare-runs';
export { evaluateGate, type GateOptions } from './compare-gate';
export { buildLeaderboard, DEFAULT_LEADERBOARD_OPTIONS, type LeaderboardOptions } from './build-leaderboard';
export { buildPivot, parsePivotSpec, type PivotSpec } from './build-pivot';
export { REPORTERS, REPORT_FORMATS, formatsWith, type Reporter, type ReportFormat } from './reporters';
export { writeReportOutput, DEFAULT_REPORTS_DIRECTORY } from './write-report-output';
export { itemOutcome, countOutcomes, ITEM_OUTCOMES, OUTCOME_LABELS, type ItemOutcome } from './item-outcome';
export { itemChanges, type ItemChange, type ChangedSide, type TaskChanges } from './item-changes';
export { uniqueRunLabels } from './run-labels';
export * from './report-document';
export * from './comparison-document';
export * from './leaderboard-document';
