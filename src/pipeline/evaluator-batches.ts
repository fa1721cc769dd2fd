import type { PromptRow } from '../dataset/row';

/** The batch sizes the KDD Cup 2024 evaluator lets a submission choose (see src/budget/kddcup2024-limits.ts). */
export const MIN_BATCH_SIZE = 1;
export const MAX_BATCH_SIZE = 16;

/**
 * Groups rows as the competition's evaluator does: consecutive rows, at most `size` of them, all multiple choice or
 * all not (a row without is_multiple_choice counts as not). Pulls rows one batch at a time, so the stream stays a stream.
 */
export async function* evaluatorBatches<Row extends PromptRow>(rows: AsyncIterable<Row> | Iterable<Row>, size: number): AsyncGenerator<Row[]> {
  let batch: Row[] = [];
  for await (const row of rows) {
    const first = batch[0];
    if (first !== undefined && (batch.length >= size || (first.isMultipleChoice === true) !== (row.isMultipleChoice === true))) {
      yield batch;
      batch = [];
    }
    batch.push(row);
  }
  if (batch.length > 0) yield batch;
}
