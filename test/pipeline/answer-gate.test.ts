import { AnswerGate, gatedRows, unansweredItems } from '../../src/pipeline/answer-gate';
import { itemKey, type PlannedItem } from '../../src/pipeline/planned-item';
import type { ResponseEntries } from '../../src/rundir/response-log-file';
import type { AnswerRow } from '../../src/dataset/row';

async function* streamOf<T>(values: readonly T[]): AsyncGenerator<T> {
  for (const value of values) yield await Promise.resolve(value);
}

/** Pulls one value, or reports that none came within a few turns of the event loop (the consumer is held). */
async function nextWithin<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T> | 'held'> {
  const held = new Promise<'held'>((resolve) => setImmediate(() => setImmediate(() => resolve('held'))));
  return Promise.race([iterator.next(), held]);
}

const rows = ['a', 'b', 'c'].map((id) => ({ id }));

describe('AnswerGate with gatedRows', () => {
  test('a row passes once the answering pass looked at it and its answer is logged, not before', async () => {
    const gate = new AnswerGate();
    const scoring = gatedRows(streamOf(rows), gate, undefined);
    const first = scoring.next();
    gate.looked('a', true);
    expect(await nextWithin({ next: () => first })).toBe('held'); // sent, not yet logged
    gate.logged('a');
    expect((await first).value).toEqual({ id: 'a' });
    gate.looked('b', false); // answered by an earlier invocation: passes at once
    expect(await nextWithin(scoring)).toEqual({ done: false, value: { id: 'b' } });
    const third = scoring.next();
    expect(await nextWithin({ next: () => third })).toBe('held'); // not looked at yet
    gate.finish();
    expect((await third).value).toEqual({ id: 'c' });
    expect((await scoring.next()).done).toBe(true);
  });

  test('a repeated row waits for every one of its repeats', async () => {
    const gate = new AnswerGate();
    const scoring = gatedRows(streamOf(rows.slice(0, 1)), gate, 3);
    const first = scoring.next();
    for (const repeat of [0, 1, 2]) gate.looked(itemKey('a', repeat), true);
    gate.logged(itemKey('a', 0));
    gate.logged(itemKey('a', 2));
    expect(await nextWithin({ next: () => first })).toBe('held');
    gate.logged(itemKey('a', 1));
    expect((await first).value).toEqual({ id: 'a' });
  });

  test('an aborted gate fails the waiting pass and every later read with the reason', async () => {
    const gate = new AnswerGate();
    const scoring = gatedRows(streamOf(rows), gate, undefined);
    const first = scoring.next();
    gate.looked('a', true);
    gate.abort(new Error('the endpoint stopped answering'));
    await expect(first).rejects.toThrow('the endpoint stopped answering');
    await expect(gatedRows(streamOf(rows), gate, undefined).next()).rejects.toThrow('the endpoint stopped answering');
  });
});

describe('unansweredItems', () => {
  test('yields the items without an answer and tells the gate of every item, sent or not', async () => {
    const answered = new Set(['b']);
    const entries: ResponseEntries = {
      get: () => undefined,
      has: (id) => answered.has(id),
      isAnswered: (id) => answered.has(id),
      answered: 1,
    };
    const gate = new AnswerGate();
    let counted = 0;
    const items: PlannedItem<AnswerRow>[] = rows.map((row) => ({ row: row as unknown as AnswerRow }));
    const sent: string[] = [];
    for await (const item of unansweredItems(streamOf(items), entries, gate, () => (counted += 1))) sent.push(item.row.id);
    expect(sent).toEqual(['a', 'c']);
    expect(counted).toBe(2);
    // b was answered before: it passes; a and c wait for their answers
    const scoring = gatedRows(streamOf(rows), gate, undefined);
    const first = scoring.next();
    expect(await nextWithin({ next: () => first })).toBe('held');
    gate.logged('a');
    expect((await first).value).toEqual({ id: 'a' });
    expect((await scoring.next()).value).toEqual({ id: 'b' });
    gate.logged('c');
    expect((await scoring.next()).value).toEqual({ id: 'c' });
  });
});
