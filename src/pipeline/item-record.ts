import type { ShopBenchRow } from '../dataset/row';
import type { ItemRecord } from '../scoring/records';
import type { ScoredItem } from '../scoring/types';
import type { ItemOutput } from './score-outputs';

/** The record's fields made settable while it is built, in items.jsonl's field order. */
type Building<Record> = { -readonly [Key in keyof Record]?: Record[Key] };

/**
 * One line of items.jsonl: the row, its answer and what the profile made of it. Built as one object, optional fields
 * set in their place, instead of copied through a spread per optional field (once per item of every run and score).
 */
export function itemRecord(row: ShopBenchRow, answer: ItemOutput | undefined, item: ScoredItem | null): ItemRecord {
  const score = item?.score;
  const record: Building<ItemRecord> = {
    id: row.id,
    task_name: row.taskName,
    track: row.track,
    task_type: row.taskType,
    metric: row.metric,
    input: row.input,
    truth: row.truth,
    output: answer === undefined ? '' : answer.output,
  };
  if (answer?.rawOutput !== undefined) record.raw_output = answer.rawOutput;
  if (answer?.mc !== undefined) record.mc_logprobs = answer.mc;
  record.parsed = item?.parsed ?? null;
  record.score = score?.kind === 'value' ? score.value : null;
  if (score?.kind === 'counts') {
    record.tp = score.tp;
    record.fp = score.fp;
    record.fn = score.fn;
  }
  if (score?.kind === 'error') record.error = score.error;
  if (score?.kind === 'unscored') record.unscored = score.reason;
  record.unparseable = item?.unparseable ?? false;
  if (answer === undefined) record.missing_prediction = true;
  if (answer?.apiError !== undefined) record.api_error = answer.apiError;
  if (item?.truthNote !== undefined) record.truth_note = item.truthNote;
  return record as ItemRecord; // every required field is set above
}
