import type { ShopBenchRow } from '../dataset/row';
import type { ItemRecord } from '../scoring/records';
import type { ScoredItem } from '../scoring/types';
import type { ItemOutput } from './score-outputs';

/** One line of items.jsonl: the row, its answer and what the profile made of it. */
export function itemRecord(row: ShopBenchRow, answer: ItemOutput | undefined, item: ScoredItem | null): ItemRecord {
  const score = item?.score;
  return {
    id: row.id,
    task_name: row.taskName,
    track: row.track,
    task_type: row.taskType,
    metric: row.metric,
    input: row.input,
    truth: row.truth,
    output: answer === undefined ? '' : answer.output,
    ...(answer?.rawOutput === undefined ? {} : { raw_output: answer.rawOutput }),
    ...(answer?.mc === undefined ? {} : { mc_logprobs: answer.mc }),
    parsed: item?.parsed ?? null,
    score: score?.kind === 'value' ? score.value : null,
    ...(score?.kind === 'counts' ? { tp: score.tp, fp: score.fp, fn: score.fn } : {}),
    ...(score?.kind === 'error' ? { error: score.error } : {}),
    ...(score?.kind === 'unscored' ? { unscored: score.reason } : {}),
    unparseable: item?.unparseable ?? false,
    ...(answer === undefined ? { missing_prediction: true as const } : {}),
    ...(answer?.apiError !== undefined ? { api_error: answer.apiError } : {}),
    ...(item?.truthNote === undefined ? {} : { truth_note: item.truthNote }),
  };
}
