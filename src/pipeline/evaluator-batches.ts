import type { PromptRow } from '../dataset/row';

/** The batch sizes the KDD Cup 2024 evaluator lets a submission choose (see src/budget/kddcup2024-limits.ts). */
export const MIN_BATCH_SIZE = 1;
export const MAX_BATCH_SIZE = 16;

/**
 * Groups rows as the competition's evaluator does: consecutive rows, at most `size` of them, all multiple choice or
 * all not (a row without is_multiple_choice counts as not; `rowOf` gives an item's row, e.g. a repeat's). Pulls items
 * one batch at a time, so the stream stays a stream.
 */
export async function* evaluatorBatches<Item>(
  items: AsyncIterable<Item> | Iterable<Item>,
  size: number,
  rowOf: (item: Item) => Pick<PromptRow, 'isMultipleChoice'>,
): AsyncGenerator<Item[]> {
  let batch: Item[] = [];
  for await (const item of items) {
    const first = batch[0];
    if (
      first !== undefined &&
      (batch.length >= size || (rowOf(first).isMultipleChoice === true) !== (rowOf(item).isMultipleChoice === true))
    ) {
      yield batch;
      batch = [];
    }
    batch.push(item);
  }
  if (batch.length > 0) yield batch;
}
