import { ResponseLogIndex } from '../../src/rundir/response-log-index';

describe('ResponseLogIndex', () => {
  it.each([0, 10, 30_000])('finds every key at its offset with its answered bit across growths (sized for %i)', (expected) => {
    const index = new ResponseLogIndex(expected);
    const count = 30_000;
    for (let n = 0; n < count; n += 1) index.set(`row-${n}`, n * 1001, n % 3 !== 0);
    expect(index.size).toBe(count);
    const wrong: number[] = [];
    for (let n = 0; n < count; n += 1) {
      const found = index.get(`row-${n}`);
      const answered = n % 3 !== 0;
      if (found?.offset !== n * 1001 || found.answered !== answered || index.isAnswered(`row-${n}`) !== answered) wrong.push(n);
    }
    expect(wrong).toEqual([]);
    expect(index.has('row-30000')).toBe(false);
    expect(index.isAnswered('row-30000')).toBe(false);
    expect(index.get('')).toBeUndefined();
  });

  it('overwrites a key set twice without counting it twice', () => {
    const index = new ResponseLogIndex();
    index.set('a', 10, false);
    index.set('a', 30, true);
    expect(index.size).toBe(1);
    expect(index.get('a')).toEqual({ offset: 30, answered: true });
  });

  it('keeps the offsets already set when a log passes 2 GiB, and offsets far beyond', () => {
    const index = new ResponseLogIndex();
    index.set('near', 2 ** 31 - 1, true);
    index.set('past', 2 ** 31, false);
    index.set('far', 2 ** 40 + 7, true);
    for (let n = 0; n < 5000; n += 1) index.set(`row-${n}`, 2 ** 33 + n, true); // grows after widening
    expect(index.get('near')).toEqual({ offset: 2 ** 31 - 1, answered: true });
    expect(index.get('past')).toEqual({ offset: 2 ** 31, answered: false });
    expect(index.get('far')).toEqual({ offset: 2 ** 40 + 7, answered: true });
    expect(index.get('row-4999')).toEqual({ offset: 2 ** 33 + 4999, answered: true });
  });
});
