import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDataset, type Dataset, type DatasetFilter } from '../dataset/load-dataset';
import type { ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { RunDirectoryError } from '../errors';
import { createProvider, type ProviderOptions } from '../providers/create-provider';
import { applyMiddleware } from '../providers/middleware/apply-middleware';
import type { CacheStatistics } from '../providers/middleware/cache-middleware';
import type { RetrySettings } from '../providers/middleware/retry-middleware';
import type { LanguageModel, ModelFingerprint } from '../providers/provider';
import type { ItemRecord, RunSummary } from '../scoring/records';
import type { ProfileName } from '../scoring/types';
import { answerItems } from './answer-items';
import type { ProgressReporter } from './progress-reporter';
import type { PromptSettings } from './prompt-settings';
import { ResponseLog, type ResponseLogEntry } from './response-log';
import { manifestDifferences, readRunManifest, writeRunManifest, type RunManifest } from './run-manifest';
import { scoreOutputs, type ItemOutput } from './score-outputs';
import { shopevalVersion } from './shopeval-version';
import { writeResults } from './write-results';

export const RESPONSES_FILE = 'responses.jsonl';

export interface RunEvaluationOptions {
  readonly data: string;
  readonly filter?: DatasetFilter;
  readonly provider: ProviderOptions;
  /** A ready model instead of `provider` (library users, tests with a recording mock). */
  readonly model?: LanguageModel;
  readonly profile: ProfileName;
  readonly out: string;
  readonly prompt: PromptSettings;
  readonly tags?: Readonly<Record<string, string>>;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retry: RetrySettings & { readonly maxAttempts: number };
  /** Omit to run without the response cache. */
  readonly cache?: { readonly directory: string; readonly cacheOnly: boolean };
  /** Start over in a directory whose manifest does not match, discarding its responses. */
  readonly force?: boolean;
  readonly progress?: ProgressReporter;
  /** Embedding backends for the dataset's semantic metrics, resolved once the dataset is known (loading a model is slow). */
  readonly resolveEmbedders?: (dataset: Dataset) => Promise<ResolvedEmbedders>;
  /** Notes for the user (resume, force); the CLI prints them on stderr. */
  readonly notify?: (message: string) => void;
}

export interface RunOutcome {
  readonly directory: string;
  readonly manifest: RunManifest;
  readonly items: readonly ItemRecord[];
  readonly summary: RunSummary;
  /** Items requested in this invocation (the rest came from the response log). */
  readonly requested: number;
  readonly apiErrors: number;
  readonly cache: CacheStatistics | undefined;
}

/** Answers every row through the model (resuming from the run directory), then scores and writes the results. */
export async function runEvaluation(options: RunEvaluationOptions): Promise<RunOutcome> {
  const dataset = await loadDataset(options.data, options.filter ?? {}); // validation comes before any request
  // embedding backends are checked before any request too: a bad flag must not wait for the whole run
  const embeddings = options.resolveEmbedders ? await options.resolveEmbedders(dataset) : { embedders: {}, unavailable: {} };
  const items = dataset.rows.map((row) => ({ id: row.id, taskType: row.taskType, metric: row.metric, taskName: row.taskName, track: row.track, isMultipleChoice: row.isMultipleChoice }));
  const model = options.model ?? (await createProvider({ ...options.provider, items }));
  const fingerprint = (await model.fingerprint?.()) ?? undefined;
  const manifest = await prepareDirectory(options, buildManifest(options, dataset, model, fingerprint));

  const stack = applyMiddleware(model, {
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    ...(options.cache === undefined ? {} : { cache: { ...options.cache, fingerprint } }),
  });
  const { log, entries } = ResponseLog.open(join(options.out, RESPONSES_FILE));
  const pending = dataset.rows.filter((row) => entries.get(row.id)?.output == null);
  options.progress?.start(dataset.rows.length, dataset.rows.length - pending.length);
  try {
    await answerItems({ rows: pending, model: stack.model, prompt: options.prompt, log, ...optionalProgress(options), onEntry: (entry) => entries.set(entry.id, entry) });
  } finally {
    log.close();
    stack.close();
    options.progress?.finish();
  }

  const outputs = new Map<string, ItemOutput>();
  for (const row of dataset.rows) outputs.set(row.id, itemOutput(entries.get(row.id)));
  const result = await scoreOutputs({ dataset, outputs, profile: options.profile, embedders: embeddings.embedders, embeddingUnavailable: embeddings.unavailable });
  await writeResults(options.out, result);
  const apiErrors = [...outputs.values()].filter((output) => output.output === null).length;
  const cache = stack.cache === undefined ? manifest.cache : { ...manifest.cache, hits: stack.cache.hits, misses: stack.cache.misses };
  const finished: RunManifest = {
    ...manifest,
    ended_at: new Date().toISOString(),
    cache,
    counts: { items: dataset.rows.length, answered: dataset.rows.length - apiErrors, api_errors: apiErrors },
    ...(result.summary.embeddings === undefined ? {} : { embeddings: result.summary.embeddings }),
  };
  await writeRunManifest(options.out, finished);
  return { directory: options.out, manifest: finished, items: result.items, summary: result.summary, requested: pending.length, apiErrors, cache: stack.cache };
}

function optionalProgress(options: RunEvaluationOptions): { progress?: ProgressReporter } {
  return options.progress === undefined ? {} : { progress: options.progress };
}

function itemOutput(entry: ResponseLogEntry | undefined): ItemOutput {
  if (entry === undefined) return { output: null, apiError: 'not answered' };
  if (entry.output !== null) return { output: entry.output };
  return { output: null, apiError: entry.error ?? 'unknown error' };
}

function buildManifest(options: RunEvaluationOptions, dataset: Dataset, model: LanguageModel, fingerprint: ModelFingerprint | undefined): RunManifest {
  const { prompt, filter = {} } = options;
  return {
    schema_version: 1,
    shopeval_version: shopevalVersion(),
    dataset: { path: dataset.path, sha256: dataset.sha256, rows: dataset.rows.length },
    filters: { tasks: filter.tasks ?? null, tracks: filter.tracks ?? null, limit: filter.limit ?? null },
    profile: options.profile,
    model: model.description.model,
    provider: { ...model.description, name: model.description.provider },
    fingerprint: fingerprint ?? null,
    prompt: {
      system: prompt.system ?? null,
      system_preset: prompt.systemPreset ?? null,
      temperature: prompt.temperature,
      max_tokens: prompt.maxTokens,
      stop: prompt.stop ?? null,
      seed: prompt.seed ?? null,
    },
    execution: { concurrency: options.concurrency, timeout_ms: options.timeoutMs, max_attempts: options.retry.maxAttempts },
    tags: options.tags ?? {},
    started_at: new Date().toISOString(),
    resumed_at: [],
    ended_at: null,
    cache: { enabled: options.cache !== undefined && model.cacheable, cache_only: options.cache?.cacheOnly ?? false, directory: options.cache?.directory ?? null, hits: 0, misses: 0 },
    counts: null,
  };
}

/** Creates the run directory, or checks that an existing one ran the same thing (then this run resumes it). */
async function prepareDirectory(options: RunEvaluationOptions, manifest: RunManifest): Promise<RunManifest> {
  await mkdir(options.out, { recursive: true });
  const previous = await readRunManifest(options.out);
  if (previous === undefined) {
    await writeRunManifest(options.out, manifest);
    return manifest;
  }
  const differences = manifestDifferences(previous, manifest);
  if (differences.length > 0 && options.force !== true) {
    throw new RunDirectoryError(`${options.out} holds a different run, so it cannot be resumed:\n  ${differences.join('\n  ')}`, {
      hint: 'Choose another --out, or pass --force to discard its responses and start over there.',
    });
  }
  if (differences.length > 0) {
    options.notify?.(`--force: discarding the responses in ${options.out} (${differences.length} settings differ)`);
    await rm(join(options.out, RESPONSES_FILE), { force: true });
    await writeRunManifest(options.out, manifest);
    return manifest;
  }
  const resumed: RunManifest = { ...manifest, started_at: previous.started_at, resumed_at: [...(previous.resumed_at ?? []), manifest.started_at] };
  await writeRunManifest(options.out, resumed);
  return resumed;
}
