import { IdIndex } from '../../src/util/id-index';

describe('IdIndex', () => {
  it.each([0, 10, 30_000])('maps every id to its numbers across growths (sized for %i)', (expected) => {
    const index = new IdIndex(expected);
    const count = 30_000;
    for (let n = 0; n < count; n += 1) index.set(`row-${n}`, n * 1000.5, -n - 1);
    expect(index.size).toBe(count);
    for (let n = 0; n < count; n += 1) expect(index.get(`row-${n}`)).toEqual([n * 1000.5, -n - 1]);
    expect(index.has('row-30000')).toBe(false);
    expect(index.get('')).toBeUndefined();
    expect([...index.values()].map(([first]) => first).sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, n) => n * 1000.5));
  });

  it('overwrites an id set twice without counting it twice', () => {
    const index = new IdIndex();
    index.set('a', 1, 2);
    index.set('a', 3, -4);
    expect(index.size).toBe(1);
    expect(index.get('a')).toEqual([3, -4]);
  });

  it('keeps offsets beyond 32 bits (files over 4 GB)', () => {
    const index = new IdIndex();
    index.set('far', 2 ** 40 + 7, 12);
    expect(index.get('far')).toEqual([2 ** 40 + 7, 12]);
  });
});
