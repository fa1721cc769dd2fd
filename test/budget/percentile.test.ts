import { percentile } from '../../src/budget/percentile';

describe('percentile (numpy default, linear interpolation)', () => {
  // expected values: numpy.percentile(values, q) with the default method
  it.each([
    [[1, 2, 3, 4], 50, 2.5],
    [[1, 2, 3, 4], 95, 3.85],
    [[1, 2, 3, 4], 100, 4],
    [[1, 2, 3, 4], 0, 1],
    [[10], 95, 10],
    [[100, 100, 100, 400], 95, 355],
    [[5, 7, 20], 50, 7],
    [[5, 7, 20], 95, 18.7],
  ])('%j at %d is %d', (values, q, expected) => {
    expect(percentile(Float64Array.from(values), q)).toBeCloseTo(expected, 10);
  });

  it('is undefined for no values', () => {
    expect(percentile([], 50)).toBeUndefined();
  });
});
