import type { PromptRow, ShopBenchRow } from '../dataset/row';

/** One request of a run: a row, and which of its repeats (undefined when the run asks each row once). */
export interface PlannedItem<Row extends PromptRow = PromptRow> {
  readonly row: Row;
  readonly repeat?: number;
}

/**
 * The response log's key of an item: the row id, with the repeat after a NUL for repeats 1 and up (an id never holds
 * a NUL), so a run without repeats and repeat 0 of one share keys, and the identity probe's answers serve repeat 0.
 */
export function itemKey(id: string, repeat: number | undefined): string {
  return repeat === undefined || repeat === 0 ? id : `${id}\u0000${repeat}`;
}

/** Each row's repeats one after another (repeat undefined when the run asks each row once), streamed. */
export async function* plannedItems<Row extends PromptRow>(
  rows: AsyncIterable<Row>,
  repeats: number | undefined,
): AsyncGenerator<PlannedItem<Row>> {
  for await (const row of rows) {
    if (repeats === undefined) yield { row };
    else for (let repeat = 0; repeat < repeats; repeat += 1) yield { row, repeat };
  }
}

/**
 * The items as rows for the scoring loop, which keys a window's rows by id: a repeat's row carries its item key as id.
 * `order` receives each planned item as it is yielded, so the scored records (in the same order) can be mapped back.
 */
export async function* scoringRows(
  items: AsyncIterable<PlannedItem<ShopBenchRow>>,
  order: PlannedItem<ShopBenchRow>[],
): AsyncGenerator<ShopBenchRow> {
  for await (const item of items) {
    order.push(item);
    yield item.repeat === undefined ? item.row : { ...item.row, id: itemKey(item.row.id, item.repeat) };
  }
}
