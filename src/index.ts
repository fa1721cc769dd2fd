/**
 * shopeval's public library API: the only export boundary. The command line (src/cli) calls these same functions.
 */

// The application layer: what each command does, as a function that emits typed events to a reporter you attach
// (its second argument; runEvaluation and runDataset take one as the `reporter` option and emit the RunEvent part)
export * as app from './app';
export type { AppEvent, AppReporter, NoteEvent, RetryEvent, RunEvent, RunReporter, RunStopEvent } from './app';
export { ITEM_ANSWERED, ITEM_FAILED, SILENT_REPORTER } from './app';

// Errors
export { ShopevalError, DatasetError, ConfigError, RunDirectoryError, ProviderError, type ErrorCode } from './errors';

// Datasets
export { loadDataset, UNTRACKED, type Dataset, type DatasetFilter } from './dataset/load-dataset';
export { loadPredictions, type Prediction } from './dataset/load-predictions';
export { TASK_TYPES, KNOWN_TRACKS } from './dataset/row';
export { trackDisplayName, namesTrack, resolveTrackNames } from './dataset/track-names';
export type { ShopBenchRow, TaskType, MetricName, Truth, PyInt } from './dataset/row';

// Scoring
export { PROFILES, DEFAULT_PROFILE, getProfile } from './scoring/profiles';
export type { ScoringProfile, ScoringResources } from './scoring/profiles/scoring-profile';
export { METRICS, METRIC_NAMES, metricDefinition, type MetricDefinition } from './scoring/metrics/registry';
export { aggregate, type AggregateItem, type Aggregates } from './scoring/aggregate';
export { numpyMean, numpySum } from './scoring/numpy-mean';
export { parseKddCup2024 } from './scoring/parsers/kddcup2024';
export { loadJapaneseTokenizer, type JapaneseTokenizer } from './scoring/text/japanese-tokenizer';
export { PROFILE_NAMES } from './scoring/types';
export type { ProfileName, ParsedAnswer, ItemScore, ScoredItem, ScorableItem, Embedder, Embedders, SemanticMetric } from './scoring/types';
export type { ItemRecord, RunSummary, TaskSummary, TrackSummary, TaskStatus } from './scoring/records';

// Config
export { configDefaults, DEFAULT_CONFIG_FILE, type UserConfig } from './config/load-config';

// Embeddings
export { resolveEmbedders, type EmbeddingOptions, type ResolvedEmbedders } from './embeddings/resolve-embedders';

// Providers
export {
  createProvider,
  PROVIDERS,
  PROVIDER_NAMES,
  DEFAULT_MODELS,
  defaultModelName,
  type ProviderList,
  type ProviderName,
  type ProviderOptions,
} from './providers/create-provider';
export {
  defineProvider,
  type AnyProviderDefinition,
  type EnvironmentVariable,
  type ModelRule,
  type ProviderCapabilities,
  type ProviderContext,
  type ProviderDefinition,
  type ProviderFlag,
} from './providers/provider-definition';
export { API_FLAG, API_KEY_FLAG, BASE_URL_FLAG } from './providers/provider-flags';
export { applyMiddleware, type MiddlewareSettings } from './providers/middleware/apply-middleware';
export { DEFAULT_RETRY, DEFAULT_MAX_ATTEMPTS, type RetrySettings } from './providers/middleware/retry-middleware';
export { DEFAULT_CONCURRENCY } from './providers/middleware/concurrency-limit-middleware';
export { DEFAULT_TIMEOUT_MS } from './providers/middleware/timeout-middleware';
export { DEFAULT_DEAD_ENDPOINT_MS } from './providers/middleware/endpoint-watch-middleware';
export { createReplicaSet, type Replicas, type ReplicaSetModel } from './providers/pool/replica-set';
export { DEFAULT_EJECT_AFTER } from './providers/pool/replica-pool';
export type { ReplicaFigures } from './providers/pool/replica-figures';
export type { LanguageModel, GenerateRequest, GenerateResponse } from './providers/provider';
export type { CheckpointIdentity, IdentityStrength, ServerIdentity, ServerKind } from './providers/identity/checkpoint-identity';

// Pipeline
export { scoreOutputs, type ItemOutput, type ScoreOutputsArgs, type ScoreResult } from './pipeline/score-outputs';
export { writeResults } from './pipeline/write-results';
export {
  runDataset,
  runEvaluation,
  type AnyRunOutcome,
  type RunEvaluationOptions,
  type RunOutcome,
  type TestSetRunOutcome,
} from './pipeline/run-evaluation';
export {
  BUDGET_NAMES,
  KDDCUP2024_BUDGETS,
  SHOPBENCH_FACTS,
  STARTER_KIT_BASELINE,
  type BudgetName,
  type CompetitionBudget,
} from './budget/kddcup2024-limits';
export { timeBudgetVerdict, type BudgetOptions, type BudgetVerdict, type TrackProjection } from './budget/time-budget';
export type { BatchFigures, RunTiming, TimingFigures } from './budget/run-timing';
export { EndpointUnreachableError } from './pipeline/endpoint-unreachable-error';
export { RunInterruptedError } from './pipeline/run-interrupted-error';
export { resolveRunOptions, type ResolvedRunOptions, type RunProviderOptions, type RunPromptOptions } from './pipeline/run-options';
export type { FewShotOptions, PromptFileOptions } from './prompting/resolve-prompt-files';
export { PROMPT_PRESETS } from './prompting/prompt-presets';
export {
  DEFAULT_MAX_TOKENS,
  MC_SCORING_MODES,
  SYSTEM_PROMPT_PRESETS,
  type McScoring,
  type PromptSettings,
} from './pipeline/prompt-settings';
export { chooseLabel, optionLabels, type LabelChoice, type LabelChoiceMethod } from './scoring/choose-label';
export { stripReasoning } from './pipeline/strip-reasoning';
export { DEFAULT_BOOTSTRAP, type BootstrapOptions } from './stats/check-bootstrap-options';

// Scale-out: shards, merge, batch files
export { parseShard, shardOfId, type Shard } from './shards/shard';
export { mergeShards, type MergeShardsOptions, type MergeOutcome } from './shards/merge-shards';
export { exportBatch, OPENAI_BATCH_MAX_REQUESTS, type ExportBatchOptions, type ExportOutcome } from './batch/export-batch';
export { ingestBatch, type IngestBatchOptions } from './batch/ingest-batch';
export type { BatchExportManifest } from './batch/batch-export-manifest';

// Reports
export { renderSummaryTable } from './reports/render/summary-table';
export * from './reports';
