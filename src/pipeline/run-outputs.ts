import type { Dataset, DatasetFilter } from '../dataset/load-dataset';
import type { LanguageModel } from '../providers/provider';
import type { ProbeAnswer } from './behaviour-probe';
import { predictionWarnings } from './check-predictions';
import type { ResponseLogEntry } from './response-log';
import type { ItemOutput } from './score-outputs';

/**
 * The outputs to score, by row id. A row the source had no answer for (replay) gets no entry, so it is scored as a
 * missing prediction exactly as `shopeval score` scores it, with the same warnings; a replay file's ids outside the
 * dataset are passed along to be counted as `shopeval score` counts them (only without filters: a filtered-out row is
 * not an unknown id).
 */
export function itemOutputs(
  dataset: Dataset,
  entries: ReadonlyMap<string, ResponseLogEntry>,
  model: LanguageModel,
  filter: DatasetFilter,
  notify: ((message: string) => void) | undefined,
): Map<string, ItemOutput> {
  const outputs = new Map<string, ItemOutput>();
  for (const row of dataset.rows) {
    const entry = entries.get(row.id);
    if (entry?.missing_prediction !== true) outputs.set(row.id, itemOutput(entry));
  }
  const source = model.predictionSource;
  if (source === undefined) return outputs;
  const filtered = filter.tasks !== undefined || filter.tracks !== undefined || filter.limit !== undefined;
  for (const warning of predictionWarnings(dataset, source.predictions, filtered)) notify?.(warning);
  if (!filtered) for (const id of source.predictions.keys()) if (!outputs.has(id) && !entries.has(id)) outputs.set(id, { output: '' });
  return outputs;
}

function itemOutput(entry: ResponseLogEntry | undefined): ItemOutput {
  if (entry === undefined) return { output: null, apiError: 'not answered' };
  if (entry.output !== null) return { output: entry.output };
  return { output: null, apiError: entry.error ?? 'unknown error' };
}

/** On a resume: the first probe item whose logged answer differs from the server's answer now, said in one line. */
export function probeAnswerMismatch(entries: ReadonlyMap<string, ResponseLogEntry>, answers: readonly ProbeAnswer[]): string | undefined {
  for (const answer of answers) {
    const logged = entries.get(answer.row.id)?.output;
    if (logged == null || logged === answer.response.text) continue;
    return (
      `the checkpoint answers differently than when this run started (greedy answer to item ${answer.row.id}, ` +
      `logged: ${JSON.stringify(logged.slice(0, 60))}, now: ${JSON.stringify(answer.response.text.slice(0, 60))}): another checkpoint is being served under the same name`
    );
  }
  return undefined;
}
