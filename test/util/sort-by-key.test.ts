import { sortByKey } from '../../src/util/sort-by-key';

describe('sortByKey', () => {
  it('sorts keys ascending in place and moves each companion entry with its key, only within count', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const size of [0, 1, 2, 17, 18, 1000, 5000]) {
      const count = Math.max(0, size - 3);
      const keys = Float64Array.from({ length: size }, () => Math.floor(random() * (size / 4 + 1))); // many equal keys
      const original = Array.from(keys);
      const positions = Uint32Array.from({ length: size }, (_, index) => index);
      const doubled = Float64Array.from(keys, (key) => key * 2);
      sortByKey(keys, [positions, doubled], count);
      const expected = original.slice(0, count).sort((a, b) => a - b);
      expect(Array.from(keys.subarray(0, count))).toEqual(expected);
      expect(Array.from(keys.subarray(count))).toEqual(original.slice(count));
      for (let index = 0; index < count; index += 1) {
        expect(original[positions[index] as number]).toBe(keys[index]);
        expect(doubled[index]).toBe((keys[index] as number) * 2);
      }
      expect(new Set(positions.subarray(0, count)).size).toBe(count);
    }
  });
});
