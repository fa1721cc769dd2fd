import { numpyMean, numpySum } from '../../src/scoring/numpy-mean';

// Values printed by numpy 1.24 (parity README A1 and its aggregation table).
describe('numpyMean', () => {
  it.each([
    [[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 0.1],
    [[1 / 3, 2 / 3, 1, 0, 1 / 3, 1 / 3, 2 / 3, 1, 1 / 3], 0.5185185185185185],
    [[1, 0, 1], 0.6666666666666666],
  ])('np.mean(%j) = %p', (values, expected) => {
    expect(numpyMean(values)).toBe(expected);
  });

  it('differs from a naive left-to-right sum where numpy does', () => {
    const values = Array.from({ length: 10 }, () => 0.1);
    expect(values.reduce((sum, value) => sum + value, 0) / 10).toBe(0.09999999999999999);
    expect(numpyMean(values)).toBe(0.1);
  });

  it.each([
    [200, 0.05086289065624513],
    [9000, 0.05056261598175889],
    [20000, 0.05055608572146603],
  ])('splits blocks above 128 and buffers of 8192 like numpy (n = %i)', (length, expected) => {
    // expected: numpy 1.24.2 np.mean of the same values; a naive sum gives 0.05056261598175892 for n = 9000
    const values = Array.from({ length }, (_, index) => (((index * 7919) % 1009) / 997.0) * 0.1 + 1e-3 / (index + 1));
    expect(numpyMean(values)).toBe(expected);
  });

  it('is NaN for no values and sums with numpySum', () => {
    expect(numpyMean([])).toBeNaN();
    expect(numpySum([0.5, 0.25])).toBe(0.75);
  });
});
