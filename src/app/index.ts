/** The application layer: one function per command, owning its policy and telling the user through one reporter. */
export { run, runDirectoryOf, type RunOptions, type RunResult } from './run';
export { score, type ScoreFileOptions } from './score';
export { report, type ReportRunOptions } from './report';
export { compare, type CompareRunsOptions } from './compare';
export { leaderboard, type LeaderboardRunsOptions } from './leaderboard';
export { embed, type EmbedOptions, type EmbedResult } from './embed';
export { resolveDatasetEmbedders } from './dataset-embedders';
export { SILENT_REPORTER, type AppEvent, type AppReporter, type CheckedResult, type FailedCheck } from './app-event';
