import { ProviderError } from '../../src/errors';
import { createCircuitBreaker } from '../../src/pipeline/circuit-breaker';
import { ProviderCallError } from '../../src/providers/provider-call-error';

const badRequest = (index: number) => new ProviderCallError({ kind: 'http', status: 400, message: `unknown parameter #${index}` });

describe('circuit breaker', () => {
  it('trips when the first 10 finished items all failed for good, quoting the first error', () => {
    const observe = createCircuitBreaker();
    const verdicts = Array.from({ length: 10 }, (_, index) => observe(badRequest(index)));
    expect(verdicts.slice(0, 9)).toEqual(Array(9).fill(undefined));
    expect(verdicts[9]).toBeInstanceOf(ProviderError);
    expect(verdicts[9]?.message).toBe(
      'the first 10 items all failed with errors a retry cannot fix, the first: http 400: unknown parameter #0',
    );
  });

  it('stays closed when one of the first 10 succeeded or failed in a retryable way, and never trips later', () => {
    const withAnswer = createCircuitBreaker();
    const first = [undefined, ...Array.from({ length: 9 }, (_, index) => badRequest(index))].map((error) => withAnswer(error));
    expect(first.every((verdict) => verdict === undefined)).toBe(true);
    expect(Array.from({ length: 20 }, (_, index) => withAnswer(badRequest(index))).every((verdict) => verdict === undefined)).toBe(true);
    const withServerError = createCircuitBreaker();
    const errors = [
      new ProviderCallError({ kind: 'http', status: 503, message: 'busy' }),
      ...Array.from({ length: 9 }, (_, index) => badRequest(index)),
    ];
    expect(errors.map((error) => withServerError(error)).every((verdict) => verdict === undefined)).toBe(true);
  });
});
