import { meets, verdict } from '../../benchmarks/perf/target-verdict';

describe('benchmark target verdicts', () => {
  it('says met or NOT met beside the target, for upper and lower bounds', () => {
    expect(verdict(0.42, { comparison: '<', limit: 0.5, unit: 's' })).toBe('target < 0.5 s: met');
    expect(verdict(0.5, { comparison: '<', limit: 0.5, unit: 's' })).toBe('target < 0.5 s: NOT met');
    expect(verdict(1.05, { comparison: '<=', limit: 1.05, unit: 'x the ideal' })).toBe('target <= 1.05 x the ideal: met');
    expect(verdict(2999, { comparison: '>=', limit: 3000, unit: 'items/s' })).toBe('target >= 3,000 items/s: NOT met');
    expect(meets(3000, { comparison: '>=', limit: 3000, unit: 'items/s' })).toBe(true);
  });

  it('never calls a missing figure met', () => {
    expect(meets(Number.NaN, { comparison: '<', limit: 1, unit: 's' })).toBe(false);
    expect(meets(Number.NaN, { comparison: '>=', limit: 1, unit: 's' })).toBe(false);
  });
});
