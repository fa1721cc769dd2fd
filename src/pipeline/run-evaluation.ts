import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, RunDirectoryError } from '../errors';
import { lockDirectory, type DirectoryLock } from '../rundir/directory-lock';
import { checkOutputDirectory } from '../rundir/output-guard';
import { prepareResultsDirectory, ResultsWriter } from '../rundir/publish-results';
import { openDataset, type DatasetFilter, type StreamedDataset } from '../dataset/load-dataset';
import { describeSkippedRows } from '../dataset/dataset-identity';
import type { ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { createProvider, type ProviderOptions } from '../providers/create-provider';
import { applyMiddleware } from '../providers/middleware/apply-middleware';
import type { CacheStatistics } from '../providers/middleware/cache-middleware';
import { DEFAULT_DEAD_ENDPOINT_MS, type EndpointDown } from '../providers/middleware/endpoint-watch-middleware';
import type { LanguageModel, RequestItem } from '../providers/provider';
import type { ScoringResources } from '../scoring/profiles/scoring-profile';
import type { RunSummary } from '../scoring/records';
import { answeredRowEntry, answerItems } from './answer-items';
import { probeCandidates } from './behaviour-probe';
import { buildRunManifest } from './build-run-manifest';
import { checkPredictionsMatch, predictionWarnings } from './check-predictions';
import { EndpointUnreachableError } from './endpoint-unreachable-error';
import { establishIdentity, type EstablishedIdentity } from './establish-identity';
import { describeTruthNotes } from './odd-truth-notes';
import { prepareRunDirectory, RESPONSES_FILE } from './prepare-run-directory';
import { resolveServerIdentity } from './resolve-identity';
import { ResponseLog, type ResponseEntries } from './response-log';
import { RunInterruptedError } from './run-interrupted-error';
import { writeRunManifest, type RunManifest } from './run-manifest';
import { probeAnswerMismatch } from './probe-answer-mismatch';
import { buildSummary, embeddingOptions, loadScoringResources } from './score-outputs';
import { LabelChoiceTally } from '../scoring/label-choice-tally';
import { scoredOutput } from './scored-output';
import { scoreRows } from './score-rows';
import { resolveRunOptions, type ResolvedRunOptions, type RunEvaluationOptions } from './run-options';
import { itemKey, plannedItems, scoringRows, type PlannedItem } from './planned-item';
import { RepeatStatistics } from './repeat-statistics';
import { withRepeatMeans } from './with-repeat-means';
import { buildMessages } from '../prompting/build-request';
import { resolveFewShot } from '../prompting/resolve-prompt-files';
import { getProfile } from '../scoring/profiles';

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
  /** This invocation's cache hits and misses (the manifest holds the totals over resumes); undefined when the cache was not used. */
  readonly cache: CacheStatistics | undefined;
}

/** Answers every row through the model (resuming from the run directory), then scores and writes the results. */
export async function runEvaluation(input: RunEvaluationOptions): Promise<RunOutcome> {
  const resolved = resolveRunOptions(input); // unknown keys and bad values fail here, before anything is read or sent
  const dataset = await openDataset(resolved.data, resolved.filter ?? {}, resolved.datasetOptions ?? {}); // validation comes before any request
  const skippedNote = describeSkippedRows(dataset);
  if (skippedNote !== undefined) resolved.notify?.(skippedNote);
  const fewShot = input.prompt?.fewShot;
  // the few-shot source is validated (and its short tasks named) before any request too
  const options = fewShot === undefined ? resolved : { ...resolved, prompt: { ...resolved.prompt, fewShot: await resolveFewShot(fewShot, () => dataset.rowsInOrder(), resolved.notify) } };
  const total = await countRows(dataset, options.filter ?? {});
  const needsLogprobs = options.prompt.mcScoring === 'logprobs';
  const model = options.model ?? (await createProvider({ concurrency: options.concurrency, needsLogprobs, ...options.provider, ...(await builtinItems(dataset, options.provider)) }));
  if (needsLogprobs && model.logprobs !== true) {
    throw new ConfigError(`--mc-scoring logprobs needs a server's log-probabilities; ${model.description.provider} has none`, {
      hint: 'Use --provider openai-compatible or ollama, or --mc-scoring generate. Nothing was requested.',
    });
  }
  // a predictions file that names no row is refused here, exactly as `shopeval score` refuses it
  if (model.predictionSource !== undefined) await checkPredictionsMatch(dataset, model.predictionSource);
  // embedding backends are checked before any request too: a bad flag must not wait for the whole run
  const embeddings = options.resolveEmbedders ? await options.resolveEmbedders(dataset) : { embedders: {}, unavailable: {} };
  // the scoring dictionary loads while the endpoint answers, instead of after it
  const resources = loadScoringResources(dataset.metrics);
  resources.catch(() => undefined); // awaited (and its error reported) at scoring time
  // someone else's folder is refused before any request; the lock is taken once the endpoint answered (a dead one leaves no directory)
  checkOutputDirectory(options.out, { command: 'run', inputs: runInputs(options) });
  return answerAndScore({ options, dataset, embeddings, resources, model, total });
}

/** What a run has resolved before it talks to the endpoint. */
interface PreparedRun {
  readonly options: ResolvedRunOptions;
  readonly dataset: StreamedDataset;
  readonly embeddings: ResolvedEmbedders;
  readonly resources: ReturnType<typeof loadScoringResources>;
  readonly model: LanguageModel;
  /** Rows after filters. */
  readonly total: number;
}

/** Requests a run makes: each row once, or --repeats times. */
function itemCount(run: PreparedRun): number {
  return run.total * (run.options.prompt.repeats ?? 1);
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
  const { options, dataset, model } = run;
  const resolved = await resolveServerIdentity(model, {
    cache: options.cache,
    timeoutMs: Math.min(options.timeoutMs, 30_000),
    notify: options.notify,
    // a model list answers at once when the server is up: a few quick probes, each within at most 30 s
    maxAttempts: Math.min(4, options.retry.maxAttempts),
    backoffMs: (attempt) => Math.min(2000, Math.min(100, options.retry.initialDelayMs ?? 100) * 2 ** (attempt - 1)),
  });
  const probeStack = applyMiddleware(model, { concurrency: 1, timeoutMs: options.timeoutMs, retry: { ...options.retry, maxAttempts: Math.min(3, options.retry.maxAttempts) } });
  try {
    const established = await establishIdentity({
      resolved, model, probeModel: probeStack.model, rows: await probeCandidates(dataset.rowsInOrder(), options.prompt), prompt: options.prompt, cache: options.cache,
      checkpointId: options.checkpointId, identityProbe: options.identityProbe, signal: options.signal,
    });
    if (established.note !== undefined) options.notify?.(established.note);
    const lock = lockRunDirectory(options);
    try {
      return await answerLocked(run, established);
    } finally {
      lock.release();
    }
  } finally {
    probeStack.close();
  }
}

async function answerLocked(run: PreparedRun, established: EstablishedIdentity): Promise<RunOutcome> {
  const { options, dataset, model, total } = run;
  const items = itemCount(run);
  const deadEndpointMs = options.deadEndpointMs ?? DEFAULT_DEAD_ENDPOINT_MS;
  const manifest = await prepareRunDirectory({
    out: options.out,
    manifest: buildRunManifest({
      dataset, rowCount: total, filter: options.filter ?? {}, profile: options.profile, model, identity: established.identity, prompt: options.prompt, tags: options.tags ?? {},
      cache: options.cache, cacheUsed: established.useCache, stripReasoning: options.stripReasoning === true,
      execution: { concurrency: options.concurrency, timeoutMs: options.timeoutMs, maxAttempts: options.retry.maxAttempts, deadEndpointMs },
    }),
    force: options.force,
    notify: options.notify,
    verifyResume: (entries) => probeAnswerMismatch(entries, established.probeAnswers),
  });

  const endpointDown = new AbortController();
  const stack = applyMiddleware(model, {
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    ...(established.useCache && options.cache !== undefined ? { cache: { ...options.cache, identity: established.identity } } : {}),
    ...(model.probe === undefined ? {} : { watch: { afterMs: deadEndpointMs, onDown: (down: EndpointDown) => endpointDown.abort(down) } }),
  });
  const { log, entries } = ResponseLog.open(join(options.out, RESPONSES_FILE), items);
  const answered = (): number => Math.min(entries.answered, items);
  let requested = 0;
  try {
    options.progress?.start(items, answered());
    for (const answer of established.probeAnswers) {
      stack.remember(answer.request, answer.response);
      requested += 1;
      if (entries.isAnswered(answer.row.id)) continue; // a resume: the logged answer was just checked against it
      log.append(answeredRowEntry(answer.row, answer.response, options.prompt.repeats === undefined ? undefined : 0)); // a probe request is repeat 0's; the log's index learns it: it is not asked again
      options.progress?.itemDone(false);
    }
    await answerItems({
      items: unanswered(plannedItems(dataset.rowsInOrder(), options.prompt.repeats), entries, () => (requested += 1)), model: stack.model, prompt: options.prompt, log, concurrency: options.concurrency,
      halt: endpointDown.signal,
      ...(options.progress === undefined ? {} : { progress: options.progress }),
      ...(options.signal === undefined ? {} : { interrupt: options.signal }),
    });
  } catch (error) {
    log.close();
    stack.close();
    options.progress?.finish();
    if (!endpointDown.signal.aborted) throw error;
    const down = endpointDown.signal.reason as EndpointDown;
    throw new EndpointUnreachableError({
      endpoint: model.description.endpoint ?? 'the endpoint', seconds: Math.round(down.sinceMs / 1000), lastError: down.lastError,
      answered: answered(), total: items, directory: options.out,
    });
  }
  options.progress?.finish();
  try {
    const stopped = (): boolean => options.signal?.aborted === true; // a function: the signal changes under our feet
    const interrupted = (): RunInterruptedError => new RunInterruptedError({ answered: answered(), total: items, directory: options.out });
    if (stopped()) throw interrupted();
    const result = await scoreRun(run, entries, await run.resources);
    if (stopped()) throw interrupted();
    for (const warning of result.warnings) options.notify?.(warning);
    const apiErrors = result.summary.counts.api_errors;
    const cache = stack.cache === undefined ? manifest.cache : { ...manifest.cache, hits: manifest.cache.hits + stack.cache.hits, misses: manifest.cache.misses + stack.cache.misses };
    const finished: RunManifest = {
      ...manifest,
      ended_at: new Date().toISOString(),
      cache,
      counts: { items, answered: items - apiErrors, api_errors: apiErrors, null_content: result.nullContent },
      ...(result.summary.embeddings === undefined ? {} : { embeddings: result.summary.embeddings }),
    };
    await writeRunManifest(options.out, finished);
    return { directory: options.out, manifest: finished, itemCount: result.summary.counts.items, summary: result.summary, requested, apiErrors, nullContent: result.nullContent, cache: stack.cache };
  } finally {
    log.close();
    stack.close();
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

/** The items the log holds no answer for, streamed in dataset order. */
async function* unanswered(items: AsyncIterable<PlannedItem>, entries: ResponseEntries, onItem: () => void): AsyncGenerator<PlannedItem> {
  for await (const item of items) {
    if (entries.isAnswered(itemKey(item.row.id, item.repeat))) continue; // known from the log's index: no entry is read back
    onItem();
    yield item;
  }
}

/**
 * Scores the logged answers in one more pass over the rows, writing items.jsonl as it goes. A row the source had no
 * answer for (replay) is scored as a missing prediction exactly as `shopeval score` scores it, with the same warnings;
 * a replay file's ids outside the dataset are counted as `shopeval score` counts them (only without filters: a
 * filtered-out row is not an unknown id).
 */
async function scoreRun(run: PreparedRun, entries: ResponseEntries, resources: ScoringResources): Promise<{ summary: RunSummary; nullContent: number; warnings: string[] }> {
  const { dataset, model, options, embeddings, total } = run;
  const predictions = model.predictionSource;
  const writer = ResultsWriter.open(options.out);
  let nullContent = 0;
  const repeats = options.prompt.repeats;
  const statistics = repeats === undefined ? undefined : new RepeatStatistics(repeats, getProfile(options.profile));
  const order: PlannedItem[] = []; // the items in flight through the scoring window, oldest first
  const mcTally = new LabelChoiceTally();
  try {
    const scored = await scoreRows({
      rows: scoringRows(plannedItems(dataset.rowsInOrder(), repeats), order),
      answerOf: (row) => {
        predictions?.output(row.id); // marks the prediction as matched, as `shopeval score` does
        const entry = entries.get(row.id);
        if (entry?.null_content === true) nullContent += 1;
        if (entry?.missing_prediction === true) return undefined;
        if (entry === undefined) return { output: null, apiError: 'not answered' };
        return entry.output !== null ? scoredOutput(entry, entry.output, options.stripReasoning === true) : { output: null, apiError: entry.error ?? 'unknown error' };
      },
      profile: options.profile,
      resources,
      ...embeddingOptions({ embedders: embeddings.embedders, embeddingUnavailable: embeddings.unavailable }),
      onItem: (record) => {
        const item = order.shift();
        const fewShotIds = item === undefined || options.prompt.fewShot === undefined ? undefined : buildMessages(item.row, options.prompt).fewShotIds;
        const full = item === undefined ? record : { ...record, id: item.row.id, ...(item.repeat === undefined ? {} : { repeat: item.repeat }), ...(fewShotIds === undefined ? {} : { few_shot: fewShotIds }) };
        if (item?.repeat !== undefined) statistics?.add(full, item.repeat);
        mcTally.add(full);
        writer.write(full);
      },
    });
    const filter = options.filter ?? {};
    const unfiltered = filter.tasks === undefined && filter.tracks === undefined && filter.limit === undefined;
    const unknown = predictions !== undefined && unfiltered ? predictions.size - predictions.matchedCount : 0;
    const repeatFigures = statistics?.result();
    const built = buildSummary({ dataset, profile: options.profile, rows: total, scored: withRepeatMeans(scored, repeatFigures), unknownPredictionIds: unknown, embedders: embeddings.embedders, embeddingUnavailable: embeddings.unavailable });
    const mcScoring = mcTally.summary();
    const summary = { ...built, ...(repeatFigures === undefined ? {} : { repeats: repeatFigures }), ...(mcScoring === undefined ? {} : { mc_scoring: mcScoring }) };
    const published = writer.publish(summary);
    const warnings = predictions === undefined ? [] : await predictionWarnings({ missing: scored.counts.missing_predictions, missingExamples: scored.missingExamples, unknown, predictions });
    const truthWarning = describeTruthNotes(scored.truthNotes);
    if (truthWarning !== undefined) warnings.push(truthWarning);
    return { summary: published, nullContent, warnings };
  } catch (error) {
    writer.abort();
    throw error;
  }
}
