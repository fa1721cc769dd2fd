import { defined } from '../../src/util/defined';

describe('defined', () => {
  test('drops the undefined fields and keeps every other value (null, 0, false, empty string) in key order', () => {
    const result = defined({ a: 1, b: undefined, c: null, d: 0, e: false, f: '', g: undefined });
    expect(result).toEqual({ a: 1, c: null, d: 0, e: false, f: '' });
    expect(Object.keys(result)).toEqual(['a', 'c', 'd', 'e', 'f']);
    expect('b' in result).toBe(false);
  });

  test('reads own enumerable fields only, as Object.entries does', () => {
    const base = { inherited: 1 };
    const object: Record<string, unknown> = Object.create(base) as Record<string, unknown>;
    object['own'] = 2;
    Object.defineProperty(object, 'hidden', { value: 3, enumerable: false });
    expect(defined(object)).toEqual({ own: 2 });
  });
});
