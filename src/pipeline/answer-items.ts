import { setMaxListeners } from 'node:events';
import type { ShopBenchRow } from '../dataset/row';
import { CacheMissError } from '../providers/middleware/cache-middleware';
import type { LanguageModel } from '../providers/provider';
import { asProviderCallError } from '../providers/provider-call-error';
import type { ProgressReporter } from './progress-reporter';
import { requestForRow, type PromptSettings } from './prompt-settings';
import { usageRecord, type ResponseLog, type ResponseLogEntry } from './response-log';

export interface AnswerItemsArgs {
  readonly rows: readonly ShopBenchRow[];
  readonly model: LanguageModel;
  readonly prompt: PromptSettings;
  readonly log: ResponseLog;
  readonly progress?: ProgressReporter;
  /** Called with each entry as it is logged (the runner keeps them for scoring). */
  readonly onEntry: (entry: ResponseLogEntry) => void;
}

/**
 * Sends every row at once to the (concurrency-limited) model and logs each result the moment it arrives.
 * An item that still fails after retries is logged as an API error; a cache miss in cache-only mode stops the run.
 */
export async function answerItems(args: AnswerItemsArgs): Promise<void> {
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // every in-flight request listens to it
  let fatal: unknown;
  const answerOne = async (row: ShopBenchRow): Promise<void> => {
    let entry: ResponseLogEntry;
    try {
      const response = await args.model.generate({ ...requestForRow(row, args.prompt), abortSignal: stop.signal });
      const usage = usageRecord(response.usage);
      entry = {
        id: row.id,
        output: response.text,
        latency_ms: Math.round(response.latencyMs * 10) / 10,
        ...(usage === undefined ? {} : { usage }),
        attempts: response.attempts ?? 1,
        ...(response.cached === true ? { cached: true as const } : {}),
      };
    } catch (thrown) {
      if (thrown instanceof CacheMissError || stop.signal.aborted) {
        fatal ??= thrown;
        stop.abort(thrown);
        return;
      }
      const error = asProviderCallError(thrown);
      entry = { id: row.id, output: null, latency_ms: null, attempts: error.attempts, error: error.describe() };
    }
    args.log.append(entry);
    args.onEntry(entry);
    args.progress?.itemDone(entry.output === null);
  };
  await Promise.all(args.rows.map(answerOne));
  if (fatal !== undefined) throw fatal;
}
