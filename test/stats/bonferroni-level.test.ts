import { bonferroniLevel } from '../../src/stats/bonferroni-level';
import { checkBootstrapOptions } from '../../src/stats/check-bootstrap-options';

describe('bonferroniLevel', () => {
  it('splits the error budget over the checked scores', () => {
    expect(bonferroniLevel(0.95, 1)).toBeCloseTo(0.95, 12);
    expect(bonferroniLevel(0.95, 5)).toBeCloseTo(0.99, 12);
    expect(bonferroniLevel(0.9, 4)).toBeCloseTo(0.975, 12);
  });

  it('rejects a level outside (0, 1) or a family that is not a positive integer', () => {
    expect(() => bonferroniLevel(1, 3)).toThrow(RangeError);
    expect(() => bonferroniLevel(0.95, 0)).toThrow(RangeError);
    expect(() => bonferroniLevel(0.95, 2.5)).toThrow(RangeError);
  });
});

describe('checkBootstrapOptions', () => {
  it('accepts positive integer resamples and an integer seed', () => {
    expect(() => checkBootstrapOptions({ resamples: 1, seed: -3 })).not.toThrow();
  });

  it.each([
    [{ resamples: 0, seed: 0 }, /--resamples must be a positive integer, got 0/],
    [{ resamples: -5, seed: 0 }, /--resamples/],
    [{ resamples: Number.NaN, seed: 0 }, /--resamples/],
    [{ resamples: 10, seed: 0.5 }, /--seed must be an integer, got 0\.5/],
  ])('rejects %j naming the flag', (options, message) => {
    expect(() => checkBootstrapOptions(options)).toThrow(message);
  });
});
