import type { AnswerRow } from '../dataset/row';
import type { ResponseEntries } from '../rundir/response-log-file';
import { itemKey, type PlannedItem } from './planned-item';

/** What the scoring pass waits for: the answering pass has looked at `items` planned items, and these keys are logged. */
interface Waiter {
  readonly items: number;
  readonly keys: readonly string[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Lets the scoring pass follow the answering pass through the same rows while answers arrive, instead of starting after
 * the last one: a row is let through once the answering pass has looked at all its items and none of them is still in
 * flight (each was answered earlier, or has been logged since). Only the keys in flight are held (at most the
 * concurrency), never a set of every item. One consumer waits at a time (the scoring pass reads rows one by one).
 */
export class AnswerGate {
  #seen = 0;
  readonly #inFlight = new Set<string>();
  #waiter: Waiter | undefined;
  #finished = false;
  #failure: { readonly error: unknown } | undefined;

  /** The answering pass looked at its next item; `sent` when it goes to the model (not answered before). */
  looked(key: string, sent: boolean): void {
    this.#seen += 1;
    if (sent) this.#inFlight.add(key);
    else this.#wake();
  }

  /** The item's entry (answer or API error) is in the log. */
  logged(key: string): void {
    if (this.#inFlight.delete(key)) this.#wake();
  }

  /** Every item was looked at and every one sent was logged: the rest of the rows pass at once. */
  finish(): void {
    this.#finished = true;
    this.#wake();
  }

  /** The answering stopped (interrupted, endpoint down, a cache miss): the scoring pass fails with `error` and publishes nothing. */
  abort(error: unknown): void {
    this.#failure ??= { error };
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(error);
  }

  /** Resolves once the row whose items end at planned item `items` (keys `keys`) may be scored. */
  whenReady(items: number, keys: readonly string[]): Promise<void> | undefined {
    if (this.#failure !== undefined) return Promise.reject(this.#failure.error);
    if (this.#passes(items, keys)) return undefined; // no promise for a row already through: most rows of a resume
    return new Promise<void>((resolve, reject) => {
      this.#waiter = { items, keys, resolve, reject };
    });
  }

  #passes(items: number, keys: readonly string[]): boolean {
    if (this.#finished) return true;
    if (this.#seen < items) return false;
    for (const key of keys) if (this.#inFlight.has(key)) return false;
    return true;
  }

  #wake(): void {
    const waiter = this.#waiter;
    if (waiter === undefined || !this.#passes(waiter.items, waiter.keys)) return;
    this.#waiter = undefined;
    waiter.resolve();
  }
}

/** The rows, each held back until the gate lets it through (its items answered and logged). */
export async function* gatedRows<Row extends { readonly id: string }>(
  rows: AsyncIterable<Row>,
  gate: AnswerGate,
  repeats: number | undefined,
): AsyncGenerator<Row> {
  let items = 0;
  for await (const row of rows) {
    items += repeats ?? 1;
    const keys = repeats === undefined ? [row.id] : Array.from({ length: repeats }, (_unused, repeat) => itemKey(row.id, repeat));
    const ready = gate.whenReady(items, keys);
    if (ready !== undefined) await ready;
    yield row;
  }
}

/** The items the log holds no answer for, streamed in dataset order; the gate learns of every item looked at. */
export async function* unansweredItems<Row extends AnswerRow>(
  items: AsyncIterable<PlannedItem<Row>>,
  entries: ResponseEntries,
  gate: AnswerGate,
  onItem: () => void,
): AsyncGenerator<PlannedItem<Row>> {
  for await (const item of items) {
    const key = itemKey(item.row.id, item.repeat);
    const sent = !entries.isAnswered(key); // known from the log's index: no entry is read back
    gate.looked(key, sent);
    if (!sent) continue;
    onItem();
    yield item;
  }
}
