import { setMaxListeners } from 'node:events';
import type { PromptRow } from '../dataset/row';
import { CacheMissError } from '../providers/middleware/cache-middleware';
import type { GenerateResponse, LanguageModel } from '../providers/provider';
import { asProviderCallError, type ProviderCallError } from '../providers/provider-call-error';
import { chooseLabel, optionLabels } from '../scoring/choose-label';
import { createCircuitBreaker } from './circuit-breaker';
import type { PlannedItem } from './planned-item';
import { requestForRow, type PromptSettings } from './prompt-settings';
import { ITEM_ANSWERED, ITEM_FAILED, type RunReporter } from './run-event';
import { evaluatorBatches } from './evaluator-batches';
import { usageRecord, type BatchRecord, type ResponseLog, type ResponseLogEntry } from '../rundir/response-log-file';

export interface AnswerItemsArgs {
  /** The items to answer, pulled one at a time as workers free up (a million rows never sit in memory). */
  readonly items: AsyncIterable<PlannedItem> | Iterable<PlannedItem>;
  readonly model: LanguageModel;
  readonly prompt: PromptSettings;
  /** Where each item's entry goes as it settles (the response log, or a wrapper that also tells the scoring pass). */
  readonly log: Pick<ResponseLog, 'append'>;
  /** Told each item's end (item-end). */
  readonly reporter?: RunReporter | undefined;
  /** Stops sending and drops the calls in flight (SIGINT); what was logged stays. */
  readonly interrupt?: AbortSignal;
  /** Rows in flight at once; match the model's concurrency limit. @default all rows */
  readonly concurrency?: number;
  /** Aborted when the run must stop for good (the endpoint is dead): its reason is thrown once the workers stop. */
  readonly halt?: AbortSignal;
  /**
   * Send evaluator-style batches (see evaluator-batches.ts) one after another, each batch's requests together, and
   * log each item with its batch's wall time once the whole batch is back. Undefined: `concurrency` workers.
   */
  readonly batchSize?: number;
}

/** The log line of an answered row: with log-probabilities, the label chosen among the options its prompt lists. */
export function answeredRowEntry(row: PromptRow, response: GenerateResponse, repeat?: number): ResponseLogEntry {
  const entry = answeredEntry(row.id, response, repeat);
  if (response.firstTokenLogprobs === undefined) return entry;
  return { ...entry, top_logprobs: response.firstTokenLogprobs, mc: chooseLabel(optionLabels(row.input), response.firstTokenLogprobs) };
}

/** The log line of an answered item. */
export function answeredEntry(id: string, response: GenerateResponse, repeat?: number): ResponseLogEntry {
  const usage = usageRecord(response.usage);
  return {
    id,
    ...(repeat === undefined ? {} : { repeat }),
    output: response.text,
    latency_ms: Math.round(response.latencyMs * 10) / 10,
    ...(usage === undefined ? {} : { usage }),
    attempts: response.attempts ?? 1,
    ...(response.cached === true ? { cached: true as const } : {}),
    ...(response.providerMetadata?.replay?.missingPrediction === true ? { missing_prediction: true as const } : {}),
    ...(response.systemFingerprint === undefined ? {} : { system_fingerprint: response.systemFingerprint }),
    ...(response.nullContent === true ? { null_content: true as const } : {}),
    ...(response.reasoning === undefined ? {} : { reasoning: response.reasoning }),
  };
}

function failedEntry(id: string, error: ProviderCallError, repeat: number | undefined): ResponseLogEntry {
  return {
    id,
    ...(repeat === undefined ? {} : { repeat }),
    output: null,
    latency_ms: null,
    attempts: error.attempts,
    error: error.describe(),
  };
}

/**
 * Sends the rows to the model through `concurrency` workers and logs each result the moment it arrives (workers, not a
 * promise per row: thousands of queued requests would only wait in the concurrency limit, costing memory and GC).
 * An item that still fails after retries is logged as an API error; a cache miss in cache-only mode, or the first
 * items all failing for good (circuit breaker), stops the run.
 */
export async function answerItems(args: AnswerItemsArgs): Promise<void> {
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // every in-flight request listens to it
  const onInterrupt = (): void => stop.abort(args.interrupt?.reason);
  if (args.interrupt?.aborted === true) return;
  args.interrupt?.addEventListener('abort', onInterrupt, { once: true });
  const breaker = createCircuitBreaker();
  let fatal: unknown;
  const halt = (reason: unknown): void => {
    fatal ??= reason;
    stop.abort(reason);
  };
  const onHalt = (): void => halt(args.halt?.reason);
  if (args.halt?.aborted === true) halt(args.halt.reason);
  args.halt?.addEventListener('abort', onHalt, { once: true });
  /** The item's log entry, or undefined when the run was stopped on purpose (the item is asked again on resume). */
  const answerOne = async ({ row, repeat }: PlannedItem): Promise<{ entry: ResponseLogEntry; failure?: ProviderCallError } | undefined> => {
    try {
      return {
        entry: answeredRowEntry(
          row,
          await args.model.generate({ ...requestForRow(row, args.prompt, repeat), abortSignal: stop.signal }),
          repeat,
        ),
      };
    } catch (thrown) {
      if (stop.signal.aborted) return undefined;
      if (thrown instanceof CacheMissError) {
        halt(thrown.forItem(row.id));
        return undefined;
      }
      const failure = asProviderCallError(thrown);
      return { entry: failedEntry(row.id, failure, repeat), failure };
    }
  };
  const settle = (result: { entry: ResponseLogEntry; failure?: ProviderCallError }): void => {
    args.log.append(result.entry);
    args.reporter?.(result.entry.output === null ? ITEM_FAILED : ITEM_ANSWERED);
    const broken = breaker(result.failure);
    if (broken !== undefined) halt(broken);
  };
  const worker = async (source: AsyncIterator<PlannedItem> | Iterator<PlannedItem>, exhausted: { done: boolean }): Promise<void> => {
    while (!exhausted.done && !stop.signal.aborted) {
      const next = await source.next();
      if (next.done === true) {
        exhausted.done = true;
        return;
      }
      const result = await answerOne(next.value);
      if (result !== undefined) settle(result);
    }
  };
  const batched = async (size: number): Promise<void> => {
    for await (const batch of evaluatorBatches(args.items, size, (item) => item.row)) {
      if (stop.signal.aborted) return;
      const started = performance.now();
      const results = await Promise.all(batch.map(answerOne));
      const record: BatchRecord = {
        first_id: batch[0]?.row.id ?? '',
        size: batch.length,
        wall_ms: Math.round((performance.now() - started) * 10) / 10,
      };
      // a batch stopped half way is not a batch the evaluator would time: its answers are kept, without a wall time
      const whole = results.every((result) => result !== undefined);
      for (const result of results)
        if (result !== undefined) settle(whole ? { ...result, entry: { ...result.entry, batch: record } } : result);
    }
  };
  try {
    if (args.batchSize !== undefined) await batched(args.batchSize);
    else {
      const source = Symbol.asyncIterator in args.items ? args.items[Symbol.asyncIterator]() : args.items[Symbol.iterator]();
      const exhausted = { done: false };
      const workers = Math.max(1, Math.floor(args.concurrency ?? 64));
      await Promise.all(Array.from({ length: workers }, () => worker(source, exhausted)));
    }
  } finally {
    args.interrupt?.removeEventListener('abort', onInterrupt);
    args.halt?.removeEventListener('abort', onHalt);
  }
  if (fatal !== undefined) throw fatal;
}
