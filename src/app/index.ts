/** The application layer: one function per command, owning its policy and telling the user through one reporter. */
export { run, runDirectoryOf, type RunOptions, type RunResult } from './run';
export { score, type ScoreFileOptions } from './score';
export { report, type ReportRunOptions } from './report';
export { compare, type CompareRunsOptions } from './compare';
export { leaderboard, type LeaderboardRunsOptions } from './leaderboard';
export { embed, type EmbedOptions, type EmbedResult } from './embed';
export { merge, type MergeRunOptions } from './merge';
export { batchExport, batchIngest, batchSubmit, batchState, type BatchIngestOptions } from './batch';
export { cache, type CacheAction, type CacheMaintenance } from './cache';
export { resolveDatasetEmbedders } from './dataset-embedders';
export { SILENT_REPORTER, type AppEvent, type AppReporter, type CheckedResult, type FailedCheck } from './app-event';
export { ITEM_ANSWERED, ITEM_FAILED, type RunEvent, type RunReporter, type RunStopEvent, type RetryEvent } from '../pipeline/run-event';
export type { NoteEvent, NoteReporter } from '../util/note-event';
