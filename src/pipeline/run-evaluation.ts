import { join } from 'node:path';
import { ConfigError } from '../errors';
import { checkOutputDirectory } from '../rundir/output-guard';
import { keepsAllRows, openRunDataset, type DatasetFilter, type RunDataset, type StreamedRows } from '../dataset/load-dataset';
import type { AnswerRow } from '../dataset/row';
import { budgetFor } from '../budget/kddcup2024-limits';
import { RunTimingAccumulator } from '../budget/run-timing';
import { DatasetError } from '../errors';
import { finishTestSet } from './finish-test-set';
import type { AnyRunOutcome, RunOutcome } from './run-outcome';
import { describeSkippedRows } from '../dataset/dataset-identity';
import type { ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { createProvider } from '../providers/create-provider';
import { findProvider, type ProviderName } from '../providers/registry';
import { PredictionIndex } from '../dataset/prediction-index';
import { applyMiddleware } from '../providers/middleware/apply-middleware';
import type { CacheStatistics } from '../providers/middleware/cache-middleware';
import { mergeReplicaFigures } from '../providers/pool/replica-figures';
import { DEFAULT_DEAD_ENDPOINT_MS, type EndpointDown } from '../providers/middleware/endpoint-watch-middleware';
import type { LanguageModel } from '../providers/provider';
import { answeredRowEntry, answerItems } from './answer-items';
import { buildRunManifest } from './build-run-manifest';
import { checkPredictionsMatch } from './check-predictions';
import { EndpointUnreachableError } from './endpoint-unreachable-error';
import type { EstablishedIdentity } from './establish-identity';
import { prepareRunDirectory, RESPONSES_FILE } from './prepare-run-directory';
import { withRunIdentity } from './run-identity';
import { lockRunDirectory, runInputs } from './lock-run-directory';
import { ResponseLog } from '../rundir/response-log-file';
import { RunInterruptedError } from './run-interrupted-error';
import { writeRunManifest, type RunManifest } from '../rundir/manifest-file';
import { probeAnswerMismatch } from './probe-answer-mismatch';
import { loadScoringResources } from './score-outputs';
import { AnswerGate, unansweredItems } from './answer-gate';
import { scoreWhileAnswering, type LoggedAnswersScore } from './score-while-answering';
import { resolveRunOptions, type ResolvedRunOptions, type RunEvaluationOptions } from './run-options';
import { itemKey, plannedItems } from './planned-item';
import { withFewShotPool } from './resolve-prompt-settings';
import { ITEM_ANSWERED, type RunReporter, type RunStopEvent } from './run-event';

export { RESPONSES_FILE };

export type { RunEvaluationOptions, ResolvedRunOptions, RunProviderOptions, RunPromptOptions } from './run-options';
export type { AnyRunOutcome, RunOutcome, TestSetRunOutcome } from './run-outcome';

/** Answers every row of a labelled dataset through the model (resuming from the run directory), then scores and writes the results. */
export async function runEvaluation<Name extends string = ProviderName>(input: RunEvaluationOptions<Name>): Promise<RunOutcome> {
  const outcome = await runDataset(input, { testSets: false });
  if (outcome.kind === 'scored') return outcome;
  throw new DatasetError(`${input.data}: a test set cannot be scored`, { hint: 'Use runDataset() for a test set.' });
}

/**
 * Answers every row of a labelled dataset or a test set (rows without output_field): the first is scored, the second
 * leaves its predictions unscored in predictions.jsonl and submission.jsonl.
 */
export async function runDataset<Name extends string = ProviderName>(
  input: RunEvaluationOptions<Name>,
  accept: { readonly testSets: boolean } = { testSets: true },
): Promise<AnyRunOutcome> {
  const resolved = resolveRunOptions(input); // unknown keys and bad values fail here, before anything is read or sent
  const opened = await openRunDataset(resolved.data, resolved.filter ?? {}, resolved.datasetOptions ?? {}); // validation comes before any request
  if (opened.kind === 'test-set' && !accept.testSets) {
    throw new DatasetError(`${resolved.data}: the rows have no output_field (a test set): runEvaluation() scores labelled datasets only`, {
      hint: "Use runDataset() (the CLI's run) for a test set.",
    });
  }
  const dataset: StreamedRows<AnswerRow> = opened.dataset;
  const skippedNote = describeSkippedRows(dataset);
  if (skippedNote !== undefined) resolved.reporter?.({ type: 'warning', message: skippedNote });
  // the few-shot source is validated (and its short tasks named) before any request too
  const options = {
    ...resolved,
    prompt: await withFewShotPool(resolved.prompt, input.prompt?.fewShot, () => dataset.rowsInOrder(), resolved.reporter),
  };
  const total = await countRows(dataset, options.filter ?? {});
  const needsLogprobs = options.prompt.mcScoring === 'logprobs';
  // a replay run's predictions are a run input like the dataset: opened once, answered from, checked and counted
  const predictions = await openReplayPredictions(options);
  const model =
    options.model ??
    (await createProvider(
      {
        concurrency: options.concurrency,
        needsLogprobs,
        ...options.provider,
        rows: () => dataset.rowsInOrder(),
        ...(predictions === undefined ? {} : { predictionIndex: predictions }),
      },
      options.providers,
    ));
  if (needsLogprobs && model.logprobs !== true) {
    const givers = options.providers.filter((definition) => definition.capabilities.logprobs).map((definition) => definition.name);
    throw new ConfigError(`--mc-scoring logprobs needs a server's log-probabilities; ${model.description.provider} has none`, {
      hint: `Use --provider ${givers.join(' or ')}, or --mc-scoring generate. Nothing was requested.`,
    });
  }
  // a predictions file that names no row is refused here, exactly as `shopeval score` refuses it
  if (predictions !== undefined) await checkPredictionsMatch(dataset, predictions);
  // embedding backends are checked before any request too: a bad flag must not wait for the whole run
  const embeddings = options.resolveEmbedders ? await options.resolveEmbedders(dataset) : { embedders: {}, unavailable: {} };
  // the scoring dictionary loads while the endpoint answers, instead of after it
  const resources = loadScoringResources(dataset.metrics);
  resources.catch(() => undefined); // awaited (and its error reported) at scoring time
  // someone else's folder is refused before any request; the lock is taken once the endpoint answered (a dead one leaves no directory)
  checkOutputDirectory(options.out, { command: 'run', inputs: runInputs(options) });
  // every input is accepted: the run is announced (the endpoint is probed next, before anything is written)
  options.reporter?.({ type: 'run-start', directory: options.out });
  const outcome = await answerAndScore({ options, dataset, opened, embeddings, resources, model, total, predictions });
  options.reporter?.({ type: 'run-end', outcome });
  return outcome;
}

/** What a run has resolved before it talks to the endpoint. */
export interface PreparedRun {
  readonly options: ResolvedRunOptions;
  /** The rows to answer, whichever kind the dataset is. */
  readonly dataset: StreamedRows<AnswerRow>;
  readonly opened: RunDataset;
  readonly embeddings: ResolvedEmbedders;
  readonly resources: ReturnType<typeof loadScoringResources>;
  readonly model: LanguageModel;
  /** Rows after filters. */
  readonly total: number;
  /** A replay run's predictions file. */
  readonly predictions: PredictionIndex | undefined;
}

/** Requests a run makes: each row once, or --repeats times. */
function itemCount(run: PreparedRun): number {
  return run.total * (run.options.prompt.repeats ?? 1);
}

async function answerAndScore(run: PreparedRun): Promise<AnyRunOutcome> {
  const { options } = run;
  return withRunIdentity(options, run.dataset, run.model, async (established) => {
    options.reporter?.({ type: 'identity-established', identity: established.identity, cacheUsed: established.useCache });
    if (established.note !== undefined) options.reporter?.({ type: 'notice', message: established.note });
    const lock = lockRunDirectory(options);
    try {
      return await answerLocked(run, established);
    } finally {
      lock.release();
    }
  });
}

async function answerLocked(run: PreparedRun, established: EstablishedIdentity): Promise<AnyRunOutcome> {
  const { options, dataset, model, total } = run;
  const items = itemCount(run);
  const deadEndpointMs = options.deadEndpointMs ?? DEFAULT_DEAD_ENDPOINT_MS;
  const manifest = await prepareRunDirectory({
    out: options.out,
    manifest: buildRunManifest({
      dataset,
      rowCount: total,
      filter: options.filter ?? {},
      profile: options.profile,
      model,
      identity: established.identity,
      prompt: options.prompt,
      tags: options.tags ?? {},
      cache: options.cache,
      cacheUsed: established.useCache,
      stripReasoning: options.stripReasoning === true,
      execution: {
        concurrency: options.concurrency,
        timeoutMs: options.timeoutMs,
        maxAttempts: options.retry.maxAttempts,
        deadEndpointMs,
        ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      },
      testSet: run.opened.kind === 'test-set',
    }),
    force: options.force,
    reporter: options.reporter,
    verifyResume: (entries) => probeAnswerMismatch(entries, established.probeAnswers),
  });

  const endpointDown = new AbortController();
  const stack = applyMiddleware(model, {
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    ...(established.useCache && options.cache !== undefined ? { cache: { ...options.cache, identity: established.identity } } : {}),
    ...(model.probe === undefined ? {} : { watch: { afterMs: deadEndpointMs, onDown: (down: EndpointDown) => endpointDown.abort(down) } }),
    reporter: options.reporter,
  });
  const replicaFigures = (): Partial<RunManifest> =>
    stack.replicas === undefined ? {} : { replicas: mergeReplicaFigures(manifest.replicas ?? [], stack.replicas()) };
  // a stopped pool run keeps its per-replica figures, so the resume adds to them
  const keepReplicaFigures = async (): Promise<void> => {
    if (stack.replicas !== undefined) await writeRunManifest(options.out, { ...manifest, ...replicaFigures() }).catch(() => undefined);
  };
  if (options.batchSize !== undefined && options.concurrency < options.batchSize) {
    options.reporter?.({
      type: 'notice',
      message: `note: --concurrency ${options.concurrency} is below --batch-size ${options.batchSize}: a batch's requests wait for each other, and that counts in its wall time`,
    });
  }
  const { log, entries } = ResponseLog.open(join(options.out, RESPONSES_FILE), items);
  const answered = (): number => Math.min(entries.answered, items);
  let requested = 0;
  const timing = new RunTimingAccumulator(budgetFor(options.budget.name).perSampleSeconds * 1000, options.budget.scale, items);
  const gate = new AnswerGate();
  let scoring: Promise<LoggedAnswersScore> | undefined;
  try {
    options.reporter?.({ type: 'progress-start', total: items, alreadyDone: answered() });
    for (const answer of established.probeAnswers) {
      stack.remember(answer.request, answer.response);
      if (entries.isAnswered(answer.row.id)) continue; // a resume: the logged answer was just checked against it, and stays the item's answer
      requested += 1;
      log.append(answeredRowEntry(answer.row, answer.response, options.prompt.repeats === undefined ? undefined : 0)); // a probe request is repeat 0's; the log's index learns it: it is not asked again
      options.reporter?.(ITEM_ANSWERED);
    }
    // scoring follows the answers as they arrive (the CPU idles while the endpoint works), so little is left after the last one
    scoring = run.opened.kind === 'labelled' ? scoreWhileAnswering(run, run.opened.dataset, { entries, gate, timing }) : undefined;
    scoring?.catch(() => undefined); // awaited (and its error thrown) once answering is over
    await answerItems({
      // --concurrency is per replica: a pool keeps every replica's slots busy
      items: unansweredItems(plannedItems(dataset.rowsInOrder(), options.prompt.repeats), entries, gate, () => (requested += 1)),
      model: stack.model,
      prompt: options.prompt,
      log: {
        append: (entry) => {
          log.append(entry);
          gate.logged(itemKey(entry.id, entry.repeat));
        },
      },
      concurrency: options.concurrency * (model.replicas?.members.length ?? 1),
      halt: endpointDown.signal,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      reporter: options.reporter,
      ...(options.signal === undefined ? {} : { interrupt: options.signal }),
    });
  } catch (error) {
    gate.abort(error);
    await scoring?.catch(() => undefined); // its partial items.jsonl is dropped
    log.close();
    await keepReplicaFigures();
    stack.close();
    options.reporter?.({ type: 'progress-end' });
    if (!endpointDown.signal.aborted) throw error;
    const down = endpointDown.signal.reason as EndpointDown;
    throw stop(
      options.reporter,
      'endpoint-unreachable',
      new EndpointUnreachableError({
        endpoint:
          model.replicas === undefined
            ? (model.description.endpoint ?? 'the endpoint')
            : `no replica (${model.replicas.endpoints.join(', ')})`,
        seconds: Math.round(down.sinceMs / 1000),
        lastError: down.lastError,
        answered: answered(),
        total: items,
        directory: options.out,
      }),
    );
  }
  options.reporter?.({ type: 'progress-end' });
  try {
    const stopped = (): boolean => options.signal?.aborted === true; // a function: the signal changes under our feet
    const interrupted = (): RunInterruptedError =>
      stop(options.reporter, 'interrupted', new RunInterruptedError({ answered: answered(), total: items, directory: options.out }));
    if (stopped()) {
      gate.abort(new Error('interrupted'));
      await scoring?.catch(() => undefined); // its partial items.jsonl is dropped
      await keepReplicaFigures();
      throw interrupted();
    }
    gate.finish();
    if (run.opened.kind === 'test-set') {
      const result = await finishTestSet({ dataset: run.opened.dataset, entries, out: options.out, timing });
      if (stopped()) throw interrupted();
      const finished: RunManifest = {
        ...manifest,
        ended_at: new Date().toISOString(),
        cache: cacheTotals(manifest, stack.cache),
        counts: { items: result.items, answered: result.answered, api_errors: result.apiErrors, null_content: result.nullContent },
        ...replicaFigures(),
        timing: timing.result(),
      };
      await writeRunManifest(options.out, finished);
      return {
        kind: 'test-set',
        directory: options.out,
        manifest: finished,
        itemCount: result.items,
        requested,
        apiErrors: result.apiErrors,
        nullContent: result.nullContent,
        cache: stack.cache,
        timing: timing.result(),
        formatProblems: result.formatProblems,
      };
    }
    const result = await (scoring ?? scoreWhileAnswering(run, run.opened.dataset, { entries, gate, timing }));
    if (stopped()) throw interrupted();
    for (const warning of result.warnings) options.reporter?.({ type: 'warning', message: warning });
    const apiErrors = result.summary.counts.api_errors;
    const finished: RunManifest = {
      ...manifest,
      ended_at: new Date().toISOString(),
      cache: cacheTotals(manifest, stack.cache),
      counts: { items, answered: items - apiErrors, api_errors: apiErrors, null_content: result.nullContent },
      ...replicaFigures(),
      ...(result.summary.embeddings === undefined ? {} : { embeddings: result.summary.embeddings }),
      timing: timing.result(),
    };
    await writeRunManifest(options.out, finished);
    return {
      kind: 'scored',
      directory: options.out,
      manifest: finished,
      itemCount: result.summary.counts.items,
      summary: result.summary,
      requested,
      apiErrors,
      nullContent: result.nullContent,
      cache: stack.cache,
      timing: timing.result(),
    };
  } finally {
    log.close();
    stack.close();
  }
}

/** Tells the reporter the run stopped (every answer kept), and returns the error that says so, to be thrown. */
function stop<E extends RunInterruptedError | EndpointUnreachableError>(
  reporter: RunReporter | undefined,
  reason: RunStopEvent['reason'],
  error: E,
): E {
  reporter?.({
    type: 'run-stop',
    reason,
    message: error.message,
    directory: error.directory,
    answered: error.answered,
    total: error.total,
  });
  return error;
}

/** The manifest's cache counts over resumes: the earlier invocations' plus this one's. */
function cacheTotals(manifest: RunManifest, cache: CacheStatistics | undefined): RunManifest['cache'] {
  return cache === undefined
    ? manifest.cache
    : { ...manifest.cache, hits: manifest.cache.hits + cache.hits, misses: manifest.cache.misses + cache.misses };
}

/** The rows after filters, counted in one streaming pass (the files' counts when nothing is filtered). */
async function countRows(dataset: StreamedRows<AnswerRow>, filter: DatasetFilter): Promise<number> {
  if (keepsAllRows(filter)) return dataset.files.reduce((sum, file) => sum + file.rows, 0);
  let count = 0;
  for await (const _row of dataset.rowsInOrder()) count += 1;
  return count;
}

/** The predictions a replay run answers from, opened here unless the caller brought a ready model. */
async function openReplayPredictions(options: ResolvedRunOptions): Promise<PredictionIndex | undefined> {
  const path = options.provider.predictions;
  const answersFromFile = findProvider(options.provider.provider, options.providers)?.capabilities.predictionsFile === true;
  if (options.model !== undefined || !answersFromFile || path === undefined || path.trim() === '') return undefined;
  return PredictionIndex.open(path);
}
