import { join } from 'node:path';
import { loadDataset, type Dataset, type DatasetFilter, type DatasetOptions } from '../dataset/load-dataset';
import { describeSkippedRows } from '../dataset/dataset-identity';
import type { ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { createProvider, type ProviderOptions } from '../providers/create-provider';
import { applyMiddleware } from '../providers/middleware/apply-middleware';
import type { CacheStatistics } from '../providers/middleware/cache-middleware';
import type { RetrySettings } from '../providers/middleware/retry-middleware';
import type { LanguageModel } from '../providers/provider';
import type { ItemRecord, RunSummary } from '../scoring/records';
import type { ProfileName } from '../scoring/types';
import { answerItems } from './answer-items';
import { buildRunManifest } from './build-run-manifest';
import { prepareRunDirectory, RESPONSES_FILE } from './prepare-run-directory';
import type { ProgressReporter } from './progress-reporter';
import type { PromptSettings } from './prompt-settings';
import { resolveFingerprint } from './resolve-fingerprint';
import { ResponseLog, type ResponseLogEntry } from './response-log';
import { RunInterruptedError } from './run-interrupted-error';
import { writeRunManifest, type RunManifest } from './run-manifest';
import { loadScoringResources, scoreOutputs, type ItemOutput } from './score-outputs';
import { writeResults } from './write-results';

export { RESPONSES_FILE };

export interface RunEvaluationOptions {
  readonly data: string;
  readonly filter?: DatasetFilter;
  /** Skipping invalid rows, a track map. */
  readonly datasetOptions?: DatasetOptions;
  readonly provider: ProviderOptions;
  /** A ready model instead of `provider` (library users, tests with a recording mock). */
  readonly model?: LanguageModel;
  readonly profile: ProfileName;
  readonly out: string;
  readonly prompt: PromptSettings;
  readonly tags?: Readonly<Record<string, string>>;
  readonly concurrency: number;
  /** Per request, and for the probe of the server before the run. */
  readonly timeoutMs: number;
  readonly retry: RetrySettings & { readonly maxAttempts: number };
  /** Omit to run without the response cache. */
  readonly cache?: { readonly directory: string; readonly cacheOnly: boolean };
  /** Start over in a directory whose manifest does not match, discarding its responses and results. */
  readonly force?: boolean;
  readonly progress?: ProgressReporter;
  /** Embedding backends for the dataset's semantic metrics, resolved once the dataset is known (loading a model is slow). */
  readonly resolveEmbedders?: (dataset: Dataset) => Promise<ResolvedEmbedders>;
  /** Notes for the user (resume, force, warnings); the CLI prints them on stderr. */
  readonly notify?: (message: string) => void;
  /** Aborting it (SIGINT) stops the run: what was answered stays logged and a RunInterruptedError says how to resume. */
  readonly signal?: AbortSignal;
}

export interface RunOutcome {
  readonly directory: string;
  readonly manifest: RunManifest;
  readonly items: readonly ItemRecord[];
  readonly summary: RunSummary;
  /** Items requested in this invocation (the rest came from the response log). */
  readonly requested: number;
  readonly apiErrors: number;
  /** This invocation's cache hits and misses (the manifest holds the totals over resumes). */
  readonly cache: CacheStatistics | undefined;
}

/** Answers every row through the model (resuming from the run directory), then scores and writes the results. */
export async function runEvaluation(options: RunEvaluationOptions): Promise<RunOutcome> {
  const dataset = await loadDataset(options.data, options.filter ?? {}, options.datasetOptions ?? {}); // validation comes before any request
  const skippedNote = describeSkippedRows(dataset);
  if (skippedNote !== undefined) options.notify?.(skippedNote);
  // embedding backends are checked before any request too: a bad flag must not wait for the whole run
  const embeddings = options.resolveEmbedders ? await options.resolveEmbedders(dataset) : { embedders: {}, unavailable: {} };
  // the scoring dictionary loads while the endpoint answers, instead of after it
  const resources = loadScoringResources(dataset.metrics);
  resources.catch(() => undefined); // awaited (and its error reported) at scoring time
  const items = dataset.rows.map((row) => ({ id: row.id, taskType: row.taskType, metric: row.metric, taskName: row.taskName, track: row.track, isMultipleChoice: row.isMultipleChoice }));
  const model = options.model ?? (await createProvider({ ...options.provider, items }));
  const fingerprint = await resolveFingerprint(model, {
    cache: options.cache,
    timeoutMs: Math.min(options.timeoutMs, 30_000),
    notify: options.notify,
    // a model list answers at once when the server is up: a few quick probes, each within at most 30 s
    maxAttempts: Math.min(4, options.retry.maxAttempts),
    backoffMs: (attempt) => Math.min(2000, Math.min(100, options.retry.initialDelayMs ?? 100) * 2 ** (attempt - 1)),
  });
  const manifest = await prepareRunDirectory({
    out: options.out,
    manifest: buildRunManifest({
      dataset, filter: options.filter ?? {}, profile: options.profile, model, fingerprint, prompt: options.prompt, tags: options.tags ?? {}, cache: options.cache,
      execution: { concurrency: options.concurrency, timeoutMs: options.timeoutMs, maxAttempts: options.retry.maxAttempts },
    }),
    force: options.force,
    notify: options.notify,
  });

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
    await answerItems({
      rows: pending, model: stack.model, prompt: options.prompt, log, onEntry: (entry) => entries.set(entry.id, entry), concurrency: options.concurrency,
      ...(options.progress === undefined ? {} : { progress: options.progress }),
      ...(options.signal === undefined ? {} : { interrupt: options.signal }),
    });
  } finally {
    log.close();
    stack.close();
    options.progress?.finish();
  }
  const interrupted = (): RunInterruptedError => {
    const answered = dataset.rows.filter((row) => entries.get(row.id)?.output != null).length;
    return new RunInterruptedError({ answered, total: dataset.rows.length, directory: options.out });
  };
  const stopped = (): boolean => options.signal?.aborted === true; // a function: the signal changes under our feet
  if (stopped()) throw interrupted();

  const outputs = itemOutputs(dataset, entries, model, options);
  const result = await scoreOutputs({
    dataset, outputs, profile: options.profile, embedders: embeddings.embedders, embeddingUnavailable: embeddings.unavailable, resources: await resources,
  });
  if (stopped()) throw interrupted();
  if (result.truthWarning !== undefined) options.notify?.(result.truthWarning);
  await writeResults(options.out, result);
  const apiErrors = result.summary.counts.api_errors;
  const cache = stack.cache === undefined ? manifest.cache : { ...manifest.cache, hits: manifest.cache.hits + stack.cache.hits, misses: manifest.cache.misses + stack.cache.misses };
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

/**
 * The outputs to score, by row id. A row the source had no answer for (replay) gets no entry, so it is scored as a
 * missing prediction exactly as `shopeval score` scores it; a replay file's ids outside the dataset are passed along
 * to be counted as `shopeval score` counts them (only without filters: a filtered-out row is not an unknown id).
 */
function itemOutputs(dataset: Dataset, entries: ReadonlyMap<string, ResponseLogEntry>, model: LanguageModel, options: RunEvaluationOptions): Map<string, ItemOutput> {
  const outputs = new Map<string, ItemOutput>();
  let missing = 0;
  for (const row of dataset.rows) {
    const entry = entries.get(row.id);
    if (entry?.missing_prediction === true) missing += 1;
    else outputs.set(row.id, itemOutput(entry));
  }
  if (missing > 0) options.notify?.(`warning: ${missing} dataset rows have no prediction; they were scored as empty outputs`);
  const filter = options.filter ?? {};
  if (model.answerableIds !== undefined && filter.tasks === undefined && filter.tracks === undefined && filter.limit === undefined) {
    const unknown = model.answerableIds.filter((id) => !outputs.has(id) && !entries.has(id));
    for (const id of unknown) outputs.set(id, { output: '' });
    if (unknown.length > 0) options.notify?.(`warning: ${unknown.length} predictions name ids not in the dataset, e.g. "${unknown[0] ?? ''}"; they were ignored`);
  }
  return outputs;
}

function itemOutput(entry: ResponseLogEntry | undefined): ItemOutput {
  if (entry === undefined) return { output: null, apiError: 'not answered' };
  if (entry.output !== null) return { output: entry.output };
  return { output: null, apiError: entry.error ?? 'unknown error' };
}
