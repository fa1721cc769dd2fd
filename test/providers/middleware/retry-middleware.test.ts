import { retryMiddleware } from '../../../src/providers/middleware/retry-middleware';
import { retryDelay, retryPolicy } from '../../../src/providers/retry-policy';
import type { GenerateRequest, LanguageModel } from '../../../src/providers/provider';
import { ProviderCallError } from '../../../src/providers/provider-call-error';
import { requestFor } from '../request-fixture';

function flakyModel(failures: ProviderCallError[]): LanguageModel & { calls: number } {
  const model = {
    description: { provider: 'test', model: 'm' },
    cacheable: true,
    calls: 0,
    generate: async (request: GenerateRequest) => {
      model.calls += 1;
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      return { text: request.prompt, latencyMs: 1 };
    },
  };
  return model;
}

const http = (status: number, retryAfterMs?: number) =>
  new ProviderCallError({ kind: 'http', status, message: 'x', ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

describe('retry middleware', () => {
  const noWait = { sleep: () => Promise.resolve(), random: () => 0.5 };

  it('retries 408/409/429/5xx, connection errors and timeouts until an answer', async () => {
    const failures = [
      http(408),
      http(409),
      http(429),
      http(503),
      new ProviderCallError({ kind: 'connection', message: 'reset' }),
      new ProviderCallError({ kind: 'timeout', message: 't' }),
    ];
    const model = flakyModel(failures);
    const response = await retryMiddleware(model, { maxAttempts: 8, ...noWait }).generate(requestFor('p'));
    expect(response).toMatchObject({ text: 'p', attempts: 7 });
  });

  it('never retries other 4xx', async () => {
    const model = flakyModel([http(400)]);
    await expect(retryMiddleware(model, noWait).generate(requestFor('p'))).rejects.toMatchObject({ status: 400, attempts: 1 });
    expect(model.calls).toBe(1);
  });

  it('stops after maxAttempts and reports them', async () => {
    const model = flakyModel([http(500), http(500), http(500)]);
    await expect(retryMiddleware(model, { maxAttempts: 3, ...noWait }).generate(requestFor('p'))).rejects.toMatchObject({ attempts: 3 });
    expect(model.calls).toBe(3);
  });

  it('honours Retry-After and backs off exponentially with jitter', async () => {
    const waits: number[] = [];
    const sleep = (milliseconds: number) => {
      waits.push(milliseconds);
      return Promise.resolve();
    };
    const model = flakyModel([http(429, 2000), http(500), http(500)]);
    await retryMiddleware(model, { initialDelayMs: 100, random: () => 0, sleep }).generate(requestFor('p'));
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
    expect(waits.slice(1)).toEqual([100, 200]); // 200/2 and 400/2 with zero jitter
    expect(retryDelay(retryPolicy({ initialDelayMs: 100, maxDelayMs: 1000, random: () => 1 }), 20, undefined)).toBe(1000);
  });
});
