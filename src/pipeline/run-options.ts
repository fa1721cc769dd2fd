import type { DatasetFilter, DatasetOptions, DatasetScan } from '../dataset/load-dataset';
import { TASK_TYPES, type TaskType } from '../dataset/row';
import type { ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { ConfigError } from '../errors';
import { DEFAULT_CONCURRENCY } from '../providers/middleware/concurrency-limit-middleware';
import { DEFAULT_RETRY, type RetrySettings } from '../providers/middleware/retry-middleware';
import { DEFAULT_TIMEOUT_MS } from '../providers/middleware/timeout-middleware';
import type { ProviderOptions } from '../providers/create-provider';
import type { LanguageModel } from '../providers/provider';
import { providerOptionKeys } from '../providers/provider-flag-table';
import { findProvider, PROVIDERS, type ProviderList, type ProviderName } from '../providers/registry';
import { DEFAULT_PROFILE, PROFILE_NAMES, type ProfileName } from '../scoring/types';
import { didYouMean } from '../util/suggest';
import { checkShard } from '../shards/shard';
import { checkOptionKeys, checkPositiveInteger } from './check-option-keys';
import type { RunReporter } from './run-event';
import { checkExtraBody } from './extra-body';
import { DEFAULT_MAX_TOKENS, MC_SCORING_MODES, type PromptSettings } from './prompt-settings';
import { defined } from '../util/defined';
import { MAX_BATCH_SIZE, MIN_BATCH_SIZE } from './evaluator-batches';
import { BUDGET_NAMES, DEFAULT_BUDGET, type BudgetName } from '../budget/kddcup2024-limits';
import { resolveRepeats, resolveTemplate, type FewShotOptions, type PromptFileOptions } from '../prompting/resolve-prompt-files';

/** Where the provider's answers come from (see createProvider); the run supplies the items and the concurrency itself. */
export type RunProviderOptions<Name extends string = ProviderName> = Omit<
  ProviderOptions<Name>,
  'rows' | 'predictionIndex' | 'concurrency' | 'needsLogprobs'
>;

/** The prompt settings a caller may give; the rest come from the defaults. Templates and few-shot sources are named by file. */
export interface RunPromptOptions
  extends Partial<Omit<PromptSettings, 'maxTokens' | 'template' | 'fewShot' | 'repeats'>>, PromptFileOptions {
  /** Per task type; a type not given keeps DEFAULT_MAX_TOKENS. */
  readonly maxTokens?: Readonly<Partial<Record<TaskType, number>>>;
}

/** What `runEvaluation` takes. Only `data`, `provider` (or `model`) and `out` are required. */
export interface RunEvaluationOptions<Name extends string = ProviderName> {
  readonly data: string;
  readonly filter?: DatasetFilter;
  /** Skip invalid rows instead of refusing the dataset; a --track-map file. */
  readonly datasetOptions?: DatasetOptions;
  readonly provider: RunProviderOptions<Name>;
  /** The providers `provider.provider` may name (a library user's own provider beside ours). @default PROVIDERS */
  readonly providers?: ProviderList<Name>;
  /** A ready model instead of `provider` (library users, tests with a recording mock). */
  readonly model?: LanguageModel;
  /** @default DEFAULT_PROFILE ('kddcup2024') */
  readonly profile?: ProfileName;
  readonly out: string;
  /** @default temperature 0, DEFAULT_MAX_TOKENS, no system prompt */
  readonly prompt?: RunPromptOptions;
  readonly tags?: Readonly<Record<string, string>>;
  /** @default DEFAULT_CONCURRENCY */
  readonly concurrency?: number;
  /** Per request, and for the probe of the server before the run. @default DEFAULT_TIMEOUT_MS */
  readonly timeoutMs?: number;
  /** @default DEFAULT_RETRY */
  readonly retry?: RetrySettings;
  /** Omit to run without the response cache. */
  readonly cache?: { readonly directory: string; readonly cacheOnly: boolean };
  /** An id the user vouches for (a git sha, an adapter hash): the checkpoint identity, recorded in the manifest. */
  readonly checkpointId?: string;
  /** Recognise a checkpoint without a digest by its greedy answers to a few items (keys the cache). @default true */
  readonly identityProbe?: boolean;
  /** Stop when every attempt has failed to connect for this long. @default DEFAULT_DEAD_ENDPOINT_MS (30 s) */
  readonly deadEndpointMs?: number;
  /** Remove `<think>...</think>` from answers before parsing (the raw answer stays in items.jsonl). @default false */
  readonly stripReasoning?: boolean;
  /** Start over in a directory whose manifest does not match, discarding its responses and results. */
  readonly force?: boolean;
  /** Embedding backends for the dataset's semantic metrics, resolved once the dataset is known (loading a model is slow). */
  readonly resolveEmbedders?: (dataset: DatasetScan) => Promise<ResolvedEmbedders>;
  /**
   * Told everything, in order (RunEvent): notices and warnings, run-start once the inputs are accepted, the checkpoint,
   * each item's end, retries, then run-end (or run-stop before the error). The CLI's terminal reporter is one.
   */
  readonly reporter?: RunReporter;
  /** Aborting it (SIGINT) stops the run: what was answered stays logged and a RunInterruptedError says how to resume. */
  readonly signal?: AbortSignal;
  /** Send evaluator-style batches of 1-16 rows (consecutive, homogeneous in is_multiple_choice), one batch at a time. */
  readonly batchSize?: number;
  /** The limits batches are checked against, and the factor measured times are scaled by. @default kddcup2024-phase2, scale 1 */
  readonly budget?: { readonly name?: BudgetName; readonly scale?: number };
}

/** The options with every default filled in: what the pipeline reads. */
export interface ResolvedRunOptions extends Omit<
  RunEvaluationOptions<string>,
  'profile' | 'prompt' | 'concurrency' | 'timeoutMs' | 'retry' | 'budget' | 'providers'
> {
  readonly providers: ProviderList;
  readonly budget: { readonly name: BudgetName; readonly scale: number };
  readonly profile: ProfileName;
  readonly prompt: PromptSettings;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retry: RetrySettings & { readonly maxAttempts: number };
}

// Record<keyof X, true>: the compiler fails when an option is added to an interface and not here
const RUN_KEYS: Record<keyof RunEvaluationOptions, true> = {
  data: true,
  filter: true,
  datasetOptions: true,
  provider: true,
  providers: true,
  model: true,
  profile: true,
  out: true,
  prompt: true,
  tags: true,
  concurrency: true,
  timeoutMs: true,
  retry: true,
  cache: true,
  force: true,
  reporter: true,
  resolveEmbedders: true,
  signal: true,
  checkpointId: true,
  identityProbe: true,
  deadEndpointMs: true,
  stripReasoning: true,
  batchSize: true,
  budget: true,
};
const BUDGET_KEYS: Record<'name' | 'scale', true> = { name: true, scale: true };
/** The keys every provider takes; each provider's own (its flags' options) are added from the registry in use. */
const COMMON_PROVIDER_KEYS: Record<'provider' | 'model' | 'baseURL' | 'seed' | 'environment', true> = {
  provider: true,
  model: true,
  baseURL: true,
  seed: true,
  environment: true,
};

/** In the order the hint lists them: the provider and model, the providers' own options, then seed and environment. */
function providerKeys(providers: ProviderList): Readonly<Record<string, true>> {
  const { provider, model, baseURL, seed, environment } = COMMON_PROVIDER_KEYS;
  const own = Object.fromEntries(providerOptionKeys(providers).map((key) => [key, true] as const));
  return { provider, model, baseURL, ...own, seed, environment };
}
const PROMPT_KEYS: Record<keyof RunPromptOptions, true> = {
  system: true,
  systemPreset: true,
  temperature: true,
  maxTokens: true,
  stop: true,
  seed: true,
  topP: true,
  topK: true,
  presencePenalty: true,
  frequencyPenalty: true,
  extraBody: true,
  mcScoring: true,
  templateFile: true,
  templatePreset: true,
  fewShot: true,
  repeats: true,
};
const FEW_SHOT_KEYS: Record<keyof FewShotOptions, true> = { k: true, source: true, seed: true, asTurns: true };
const RETRY_KEYS: Record<keyof RetrySettings, true> = {
  maxAttempts: true,
  initialDelayMs: true,
  maxDelayMs: true,
  maxRetryAfterMs: true,
  random: true,
  sleep: true,
};
const FILTER_KEYS: Record<keyof DatasetFilter, true> = { tasks: true, tracks: true, limit: true, shard: true };
const CACHE_KEYS: Record<'directory' | 'cacheOnly', true> = { directory: true, cacheOnly: true };
const DATASET_KEYS: Record<keyof DatasetOptions, true> = { skipInvalidRows: true, trackMap: true };

function requireString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new ConfigError(`${where} must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

function oneOf<T extends string>(value: unknown, choices: readonly T[], where: string): T {
  if ((choices as readonly unknown[]).includes(value)) return value as T;
  throw new ConfigError(`${where} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}${didYouMean(String(value), choices)}`);
}

/**
 * A caller's prompt options checked and filled in (the template read, repeats and seed settled); the few-shot pool is
 * loaded apart, once the dataset is open (withFewShotPool). `run` and `batch export` both resolve them here.
 */
export function resolvePromptOptions(prompt: RunPromptOptions | undefined): PromptSettings {
  checkOptionKeys(prompt, PROMPT_KEYS, 'options.prompt');
  checkOptionKeys(prompt?.fewShot, FEW_SHOT_KEYS, 'options.prompt.fewShot');
  const temperature = prompt?.temperature ?? 0;
  if (!Number.isFinite(temperature) || temperature < 0)
    throw new ConfigError(`options.prompt.temperature must be a finite number >= 0, got ${JSON.stringify(temperature)}`);
  const maxTokens: Record<TaskType, number> = { ...DEFAULT_MAX_TOKENS };
  checkOptionKeys(prompt?.maxTokens, Object.fromEntries(TASK_TYPES.map((type) => [type, true])), 'options.prompt.maxTokens');
  for (const [type, tokens] of Object.entries(prompt?.maxTokens ?? {}))
    maxTokens[type as TaskType] = checkPositiveInteger(tokens, `options.prompt.maxTokens.${type}`);
  const { templateFile: _file, templatePreset: _preset, fewShot: _fewShot, repeats, seed, ...settings } = prompt ?? {};
  const template = resolveTemplate(prompt ?? {}, prompt?.system);
  return {
    ...settings,
    ...resolveRepeats(repeats, seed),
    ...(template === undefined ? {} : { template }),
    temperature,
    maxTokens,
    ...samplingSettings(prompt),
  };
}

/** The pass-through sampling settings, each in the range the OpenAI API documents (servers accept the same). */
function samplingSettings(prompt: RunPromptOptions | undefined): Partial<PromptSettings> {
  if (prompt === undefined) return {};
  const inRange = (value: number | undefined, name: string, low: number, high: number): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < low || value > high)
      throw new ConfigError(`options.prompt.${name} must be a number from ${low} to ${high}, got ${JSON.stringify(value)}`);
    return value;
  };
  return defined({
    topP: inRange(prompt.topP, 'topP', 0, 1),
    topK: prompt.topK === undefined ? undefined : checkPositiveInteger(prompt.topK, 'options.prompt.topK'),
    presencePenalty: inRange(prompt.presencePenalty, 'presencePenalty', -2, 2),
    frequencyPenalty: inRange(prompt.frequencyPenalty, 'frequencyPenalty', -2, 2),
    extraBody: prompt.extraBody === undefined ? undefined : checkExtraBody(prompt.extraBody, 'options.prompt.extraBody'),
    mcScoring: prompt.mcScoring === undefined ? undefined : oneOf(prompt.mcScoring, MC_SCORING_MODES, 'options.prompt.mcScoring'),
  });
}

/**
 * Checks a library caller's options and fills in the defaults: an unknown key is named with the nearest real one,
 * a bad value names its option, and what is left out gets the documented default (the command line's, too).
 */
export function resolveRunOptions(options: RunEvaluationOptions<string>): ResolvedRunOptions {
  checkOptionKeys(options, RUN_KEYS, 'runEvaluation options');
  const providers = options.providers ?? PROVIDERS;
  checkOptionKeys(options.provider, providerKeys(providers), 'options.provider');
  checkOptionKeys(options.retry, RETRY_KEYS, 'options.retry');
  checkOptionKeys(options.filter, FILTER_KEYS, 'options.filter');
  checkOptionKeys(options.cache, CACHE_KEYS, 'options.cache');
  checkOptionKeys(options.datasetOptions, DATASET_KEYS, 'options.datasetOptions');
  checkOptionKeys(options.budget, BUDGET_KEYS, 'options.budget');
  requireString(options.data, 'options.data');
  requireString(options.out, 'options.out');
  checkShard(options.filter?.shard, 'options.filter.shard');
  if (options.model === undefined) {
    if (options.provider === undefined)
      throw new ConfigError('runEvaluation options need provider (e.g. { provider: "builtin" }) or a ready model');
    const name = oneOf(
      options.provider.provider,
      providers.map((definition) => definition.name),
      'options.provider.provider',
    );
    const oneAnswerPerRow = findProvider(name, providers)?.capabilities.oneAnswerPerRow;
    if (oneAnswerPerRow !== undefined && (options.prompt?.repeats ?? 1) > 1)
      throw new ConfigError(`--repeats needs a model that answers (${oneAnswerPerRow})`);
  }
  return {
    ...options,
    providers,
    profile: options.profile === undefined ? DEFAULT_PROFILE : oneOf(options.profile, PROFILE_NAMES, 'options.profile'),
    prompt: resolvePromptOptions(options.prompt),
    concurrency: checkPositiveInteger(options.concurrency ?? DEFAULT_CONCURRENCY, 'options.concurrency'),
    timeoutMs: checkPositiveInteger(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'options.timeoutMs'),
    ...(options.deadEndpointMs === undefined
      ? {}
      : { deadEndpointMs: checkPositiveInteger(options.deadEndpointMs, 'options.deadEndpointMs') }),
    ...(options.batchSize === undefined ? {} : { batchSize: checkBatchSize(options.batchSize) }),
    budget: resolveBudget(options.budget),
    retry: {
      ...DEFAULT_RETRY,
      ...options.retry,
      maxAttempts: checkPositiveInteger(options.retry?.maxAttempts ?? DEFAULT_RETRY.maxAttempts, 'options.retry.maxAttempts'),
    },
  };
}

function checkBatchSize(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= MIN_BATCH_SIZE && value <= MAX_BATCH_SIZE) return value;
  throw new ConfigError(
    `options.batchSize must be an integer from ${MIN_BATCH_SIZE} to ${MAX_BATCH_SIZE} (the competition's batch sizes), got ${JSON.stringify(value)}`,
  );
}

function resolveBudget(budget: RunEvaluationOptions['budget']): ResolvedRunOptions['budget'] {
  const scale = budget?.scale ?? 1;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0)
    throw new ConfigError(`options.budget.scale must be a number > 0, got ${JSON.stringify(scale)}`);
  return { name: budget?.name === undefined ? DEFAULT_BUDGET : oneOf(budget.name, BUDGET_NAMES, 'options.budget.name'), scale };
}
