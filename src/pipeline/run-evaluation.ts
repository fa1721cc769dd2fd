import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RunDirectoryError } from '../errors';
import { lockDirectory, type DirectoryLock } from '../rundir/directory-lock';
import { checkOutputDirectory } from '../rundir/output-guard';
import { prepareResultsDirectory, ResultsWriter } from '../rundir/publish-results';
import { openDataset, type DatasetFilter, type StreamedDataset } from '../dataset/load-dataset';
import type { ShopBenchRow } from '../dataset/row';
import { describeSkippedRows } from '../dataset/dataset-identity';
import type { ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { createProvider, type ProviderOptions } from '../providers/create-provider';
import { applyMiddleware } from '../providers/middleware/apply-middleware';
import type { CacheStatistics } from '../providers/middleware/cache-middleware';
import type { LanguageModel, RequestItem } from '../providers/provider';
import type { ScoringResources } from '../scoring/profiles/scoring-profile';
import type { RunSummary } from '../scoring/records';
import { describeTruthNotes } from './odd-truth-notes';
import { answerItems } from './answer-items';
import { buildRunManifest } from './build-run-manifest';
import { prepareRunDirectory, RESPONSES_FILE } from './prepare-run-directory';
import { resolveFingerprint } from './resolve-fingerprint';
import { ResponseLog, type ResponseEntries } from './response-log';
import { RunInterruptedError } from './run-interrupted-error';
import { writeRunManifest, type RunManifest } from './run-manifest';
import { buildSummary, embeddingOptions, loadScoringResources } from './score-outputs';
import { scoreRows } from './score-rows';
import { resolveRunOptions, type ResolvedRunOptions, type RunEvaluationOptions } from './run-options';

export { RESPONSES_FILE };

export type { RunEvaluationOptions, ResolvedRunOptions, RunProviderOptions, RunPromptOptions } from './run-options';

export interface RunOutcome {
  readonly directory: string;
  readonly manifest: RunManifest;
  /** Items scored and written to items.jsonl (read it for the items themselves: a million do not fit in memory). */
  readonly itemCount: number;
  readonly summary: RunSummary;
  /** Items requested in this invocation (the rest came from the response log). */
  readonly requested: number;
  readonly apiErrors: number;
  /** Answers the server sent as null text (scored as empty outputs, counted apart from well-formed empty answers). */
  readonly nullContent: number;
  /** This invocation's cache hits and misses (the manifest holds the totals over resumes). */
  readonly cache: CacheStatistics | undefined;
}

/** Answers every row through the model (resuming from the run directory), then scores and writes the results. */
export async function runEvaluation(input: RunEvaluationOptions): Promise<RunOutcome> {
  const options = resolveRunOptions(input); // unknown keys and bad values fail here, before anything is read or sent
  const dataset = await openDataset(options.data, options.filter ?? {}, options.datasetOptions ?? {}); // validation comes before any request
  const skippedNote = describeSkippedRows(dataset);
  if (skippedNote !== undefined) options.notify?.(skippedNote);
  // embedding backends are checked before any request too: a bad flag must not wait for the whole run
  const embeddings = options.resolveEmbedders ? await options.resolveEmbedders(dataset) : { embedders: {}, unavailable: {} };
  // the scoring dictionary loads while the endpoint answers, instead of after it
  const resources = loadScoringResources(dataset.metrics);
  resources.catch(() => undefined); // awaited (and its error reported) at scoring time
  // someone else's folder is refused before any request; the lock is taken once the endpoint answered (a dead one leaves no directory)
  checkOutputDirectory(options.out, { command: 'run', inputs: runInputs(options) });
  return answerAndScore({ options, dataset, embeddings, resources });
}

/** What a run has resolved before it talks to the endpoint. */
interface PreparedRun {
  readonly options: ResolvedRunOptions;
  readonly dataset: StreamedDataset;
  readonly embeddings: ResolvedEmbedders;
  readonly resources: ReturnType<typeof loadScoringResources>;
}

/** The files a run reads, which its --out must never overwrite. */
function runInputs(options: ResolvedRunOptions): string[] {
  return [options.data, ...(options.provider.predictions === undefined ? [] : [options.provider.predictions])];
}

/** Takes the run directory's lock (before --force may discard anything), checking again that it is ours to write. */
function lockRunDirectory(options: ResolvedRunOptions): DirectoryLock {
  checkOutputDirectory(options.out, { command: 'run', inputs: runInputs(options) });
  try {
    mkdirSync(options.out, { recursive: true });
  } catch (cause) {
    throw new RunDirectoryError(`cannot create the run directory ${options.out}: ${(cause as Error).message}`, { cause, hint: 'Choose another --out.' });
  }
  const lock = lockDirectory(options.out, 'shopeval run');
  try {
    prepareResultsDirectory(options.out);
  } catch (error) {
    lock.release();
    throw error;
  }
  return lock;
}

async function answerAndScore(run: PreparedRun): Promise<RunOutcome> {
  const { options, dataset } = run;
  const total = await countRows(dataset, options.filter ?? {});
  const model = options.model ?? (await createProvider({ concurrency: options.concurrency, ...options.provider, ...(await builtinItems(dataset, options.provider)) }));
  const fingerprint = await resolveFingerprint(model, {
    cache: options.cache,
    timeoutMs: Math.min(options.timeoutMs, 30_000),
    notify: options.notify,
    // a model list answers at once when the server is up: a few quick probes, each within at most 30 s
    maxAttempts: Math.min(4, options.retry.maxAttempts),
    backoffMs: (attempt) => Math.min(2000, Math.min(100, options.retry.initialDelayMs ?? 100) * 2 ** (attempt - 1)),
  });
  const lock = lockRunDirectory(options);
  try {
    return await answerLocked(run, { model, fingerprint, total });
  } finally {
    lock.release();
  }
}

async function answerLocked(
  { options, dataset, embeddings, resources }: PreparedRun,
  { model, fingerprint, total }: { readonly model: LanguageModel; readonly fingerprint: Awaited<ReturnType<typeof resolveFingerprint>>; readonly total: number },
): Promise<RunOutcome> {
  const manifest = await prepareRunDirectory({
    out: options.out,
    manifest: buildRunManifest({
      dataset, rowCount: total, filter: options.filter ?? {}, profile: options.profile, model, fingerprint, prompt: options.prompt, tags: options.tags ?? {}, cache: options.cache,
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
  let requested = 0;
  const answeredBefore = Math.min(entries.answered, total);
  options.progress?.start(total, answeredBefore);
  try {
    await answerItems({
      rows: unanswered(dataset, entries, () => (requested += 1)), model: stack.model, prompt: options.prompt, log, concurrency: options.concurrency,
      ...(options.progress === undefined ? {} : { progress: options.progress }),
      ...(options.signal === undefined ? {} : { interrupt: options.signal }),
    });
    const stopped = (): boolean => options.signal?.aborted === true; // a function: the signal changes under our feet
    const interrupted = (): RunInterruptedError => new RunInterruptedError({ answered: Math.min(entries.answered, total), total, directory: options.out });
    if (stopped()) throw interrupted();
    const result = await scoreRun({ dataset, entries, model, options, embeddings, resources: await resources });
    if (stopped()) throw interrupted();
    if (result.truthWarning !== undefined) options.notify?.(result.truthWarning);
    const apiErrors = result.summary.counts.api_errors;
    const cache = stack.cache === undefined ? manifest.cache : { ...manifest.cache, hits: manifest.cache.hits + stack.cache.hits, misses: manifest.cache.misses + stack.cache.misses };
    const finished: RunManifest = {
      ...manifest,
      ended_at: new Date().toISOString(),
      cache,
      counts: { items: total, answered: total - apiErrors, api_errors: apiErrors, null_content: result.nullContent },
      ...(result.summary.embeddings === undefined ? {} : { embeddings: result.summary.embeddings }),
    };
    await writeRunManifest(options.out, finished);
    return { directory: options.out, manifest: finished, itemCount: result.summary.counts.items, summary: result.summary, requested, apiErrors, nullContent: result.nullContent, cache: stack.cache };
  } finally {
    log.close();
    stack.close();
    options.progress?.finish();
  }
}

/** The rows after filters, counted in one streaming pass (the files' counts when nothing is filtered). */
async function countRows(dataset: StreamedDataset, filter: DatasetFilter): Promise<number> {
  if (filter.tasks === undefined && filter.tracks === undefined && filter.limit === undefined) return dataset.files.reduce((sum, file) => sum + file.rows, 0);
  let count = 0;
  for await (const _row of dataset.rowsInOrder()) count += 1;
  return count;
}

/** The builtin random baseline draws its answers over the whole item list (the starter kit's seeded loop). */
async function builtinItems(dataset: StreamedDataset, provider: ProviderOptions): Promise<{ items?: RequestItem[] }> {
  if (provider.provider !== 'builtin' || provider.model !== 'random') return {};
  const items: RequestItem[] = [];
  for await (const row of dataset.rowsInOrder()) items.push({ id: row.id, taskType: row.taskType, metric: row.metric, taskName: row.taskName, track: row.track, isMultipleChoice: row.isMultipleChoice });
  return { items };
}

/** The rows the log holds no answer for, streamed in dataset order. */
async function* unanswered(dataset: StreamedDataset, entries: ResponseEntries, onRow: () => void): AsyncGenerator<ShopBenchRow> {
  for await (const row of dataset.rowsInOrder()) {
    if (entries.isAnswered(row.id)) continue; // known from the log's index: no entry is read back
    onRow();
    yield row;
  }
}

/**
 * Scores the logged answers in one more pass over the rows, writing items.jsonl as it goes. A row the source had no
 * answer for (replay) is scored as a missing prediction exactly as `shopeval score` scores it; a replay file's ids
 * outside the dataset are counted as `shopeval score` counts them (only without filters: a filtered-out row is not an unknown id).
 */
async function scoreRun(args: {
  dataset: StreamedDataset;
  entries: ResponseEntries;
  model: LanguageModel;
  options: ResolvedRunOptions;
  embeddings: ResolvedEmbedders;
  resources: ScoringResources;
}): Promise<{ summary: RunSummary; nullContent: number; truthWarning?: string }> {
  const { dataset, entries, model, options } = args;
  const writer = ResultsWriter.open(options.out);
  let withPrediction = 0;
  let nullContent = 0;
  try {
    const scored = await scoreRows({
      rows: dataset.rowsInOrder(),
      answerOf: (row) => {
        if (model.answerable?.has(row.id) === true) withPrediction += 1;
        const entry = entries.get(row.id);
        if (entry?.null_content === true) nullContent += 1;
        if (entry?.missing_prediction === true) return undefined;
        if (entry === undefined) return { output: null, apiError: 'not answered' };
        return entry.output !== null ? { output: entry.output } : { output: null, apiError: entry.error ?? 'unknown error' };
      },
      profile: options.profile,
      resources: args.resources,
      ...embeddingOptions({ embedders: args.embeddings.embedders, embeddingUnavailable: args.embeddings.unavailable }),
      onItem: (record) => writer.write(record),
    });
    const filter = options.filter ?? {};
    const unfiltered = filter.tasks === undefined && filter.tracks === undefined && filter.limit === undefined;
    const unknown = model.answerable !== undefined && unfiltered ? model.answerable.size - withPrediction : 0;
    if (scored.counts.missing_predictions > 0) options.notify?.(`warning: ${scored.counts.missing_predictions} dataset rows have no prediction; they were scored as empty outputs`);
    if (unknown > 0) options.notify?.(`warning: ${unknown} predictions name ids not in the dataset; they were ignored`);
    const summary = buildSummary({ dataset, profile: options.profile, rows: scored.counts.items, scored, unknownPredictionIds: unknown, embedders: args.embeddings.embedders, embeddingUnavailable: args.embeddings.unavailable });
    const published = writer.publish(summary);
    const truthWarning = describeTruthNotes(scored.truthNotes);
    return { summary: published, nullContent, ...(truthWarning === undefined ? {} : { truthWarning }) };
  } catch (error) {
    writer.abort();
    throw error;
  }
}
