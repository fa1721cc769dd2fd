/** The reports API: load runs, build documents (report, comparison, leaderboard), render them by format name. */
export { loadRunDirectory, type LoadedRun } from './load/load-run';
export { readManifestInfo, type RunManifestInfo } from './load/run-manifest';
export { expandRunPaths, expandGlob, findRunDirectories, type FoundRunDirectories } from './load/expand-run-paths';
export { runDirectoryState, resumeCommand, type RunDirectoryState } from './load/run-directory-state';
export { buildRunReport, DEFAULT_REPORT_OPTIONS, type ReportOptions } from './documents/build-run-report';
export { compareRuns, DEFAULT_COMPARE_OPTIONS, type CompareOptions } from './documents/compare-runs';
export { evaluateGate, type GateOptions } from './documents/compare-gate';
export { buildLeaderboard, DEFAULT_LEADERBOARD_OPTIONS, type LeaderboardOptions } from './documents/build-leaderboard';
export { buildPivot, parsePivotSpec, type PivotSpec } from './documents/build-pivot';
export { REPORTERS, REPORT_FORMATS, formatsWith, type Reporter, type ReportFormat } from './render/reporters';
export { writeReportOutput, DEFAULT_REPORTS_DIRECTORY } from './render/write-report-output';
export { itemOutcome, countOutcomes, ITEM_OUTCOMES, OUTCOME_LABELS, type ItemOutcome } from './documents/item-outcome';
export { itemChanges, type ItemChange, type ChangedSide, type TaskChanges } from './documents/item-changes';
export { uniqueRunLabels } from './documents/run-labels';
export * from './documents/report-document';
export * from './documents/comparison-document';
export * from './documents/leaderboard-document';
