import { ProviderError, ShopevalError } from '../../src/errors';
import { ProviderCallError, parseRetryAfter } from '../../src/providers/provider-call-error';
import { retryDelay, retryPolicy, withRetries, type RetryVerdict } from '../../src/providers/retry-policy';

function recordingPolicy(maxAttempts: number): { policy: ReturnType<typeof retryPolicy>; waits: number[] } {
  const waits: number[] = [];
  const policy = retryPolicy({
    maxAttempts,
    initialDelayMs: 100,
    random: () => 0,
    sleep: (milliseconds) => Promise.resolve(void waits.push(milliseconds)),
  });
  return { policy, waits };
}

const retryable = (error: unknown): RetryVerdict => ({ error, retryable: true });

describe('the retry policy', () => {
  it('backs off exponentially with jitter, capped, and never earlier than Retry-After', () => {
    const policy = retryPolicy({ initialDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000, random: () => 1 });
    expect([1, 2, 3, 10].map((attempt) => retryDelay(policy, attempt, undefined))).toEqual([100, 200, 400, 1000]);
    expect(retryDelay(retryPolicy({ initialDelayMs: 100, random: () => 0 }), 1, undefined)).toBe(50);
    expect(retryDelay(policy, 1, 3000)).toBe(3000 + 100 / 4);
    expect(retryDelay(policy, 1, 60_000)).toBe(5000 + 100 / 4);
  });

  it("calls until success, waiting the policy's delays", async () => {
    const { policy, waits } = recordingPolicy(5);
    let calls = 0;
    const value = await withRetries(
      policy,
      (attempt) => (++calls < 3 ? Promise.reject(new Error(`failed ${attempt}`)) : Promise.resolve(attempt)),
      { classify: retryable },
    );
    expect({ value, calls, waits }).toEqual({ value: 3, calls: 3, waits: [50, 100] });
  });

  it('throws the classified error at once when it is not retryable, and after the last attempt otherwise', async () => {
    const { policy } = recordingPolicy(3);
    let calls = 0;
    const fatal = withRetries(policy, () => Promise.reject(new Error(`call ${++calls}`)), {
      classify: () => ({ error: new Error('classified'), retryable: false }),
    });
    await expect(fatal).rejects.toThrow('classified');
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetries(policy, () => Promise.reject(new Error(`call ${++calls}`)), { classify: retryable })).rejects.toThrow(
      'call 3',
    );
  });

  it('asks again for a result that says it is transient, and returns the last one when attempts run out', async () => {
    const { policy, waits } = recordingPolicy(3);
    const results = [{ transient: true }, { transient: true }, { transient: true }];
    let index = 0;
    const last = await withRetries(policy, () => Promise.resolve({ ...results[index++], n: index }), {
      classify: retryable,
      retryResult: (result) => result.transient === true,
    });
    expect({ last, waits: waits.length }).toEqual({ last: { transient: true, n: 3 }, waits: 2 });
  });

  it('stops retrying once the signal aborts', async () => {
    const { policy } = recordingPolicy(8);
    const controller = new AbortController();
    let calls = 0;
    const call = (): Promise<never> => {
      calls += 1;
      controller.abort();
      return Promise.reject(new Error('dropped'));
    };
    await expect(withRetries(policy, call, { classify: retryable, signal: controller.signal })).rejects.toThrow('dropped');
    expect(calls).toBe(1);
  });
});

describe('provider errors have one root', () => {
  it('a failed call is a ProviderError and a ShopevalError, with its status, retryability and Retry-After', () => {
    const retryAfterMs = parseRetryAfter(new Headers({ 'retry-after': '7' }));
    const error = new ProviderCallError({
      kind: 'http',
      status: 429,
      message: 'slow down',
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toBeInstanceOf(ShopevalError);
    expect({
      name: error.name,
      code: error.code,
      status: error.status,
      isRetryable: error.isRetryable,
      retryAfterSeconds: error.retryAfterSeconds,
    }).toEqual({
      name: 'ProviderCallError',
      code: 'provider',
      status: 429,
      isRetryable: true,
      retryAfterSeconds: 7,
    });
    expect(new ProviderCallError({ kind: 'http', status: 400, message: 'bad' }).isRetryable).toBe(false);
    expect(new ProviderCallError({ kind: 'http', status: 400, message: 'bad' }).retryAfterSeconds).toBeUndefined();
  });
});
