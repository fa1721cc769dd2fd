import { timeoutMiddleware } from '../../../src/providers/middleware/timeout-middleware';
import type { GenerateRequest, LanguageModel } from '../../../src/providers/provider';
import { ProviderCallError } from '../../../src/providers/provider-call-error';
import { requestFor } from '../request-fixture';

/** A model that answers after the prompt's number of milliseconds, or rejects the moment its signal aborts. */
function sleepyModel(): { model: LanguageModel; signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  const model: LanguageModel = {
    description: { provider: 'test', model: 'sleepy' },
    cacheable: true,
    generate: (request: GenerateRequest) =>
      new Promise((resolve, reject) => {
        const signal = request.abortSignal;
        if (signal !== undefined) signals.push(signal);
        const timer = setTimeout(() => resolve({ text: request.prompt, latencyMs: Number(request.prompt) }), Number(request.prompt));
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new ProviderCallError({ kind: 'aborted', message: 'aborted', cause: signal.reason }));
        });
      }),
  };
  return { model, signals };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('timeoutMiddleware', () => {
  it('answers calls that finish in time and fails a slow one as a retryable timeout, never before timeoutMs', async () => {
    const { model } = sleepyModel();
    const limited = timeoutMiddleware(model, 80);
    expect((await limited.generate(requestFor('5'))).text).toBe('5');
    const started = performance.now();
    const error = await limited.generate(requestFor('1000')).catch((thrown: unknown) => thrown);
    const waited = performance.now() - started;
    expect(error).toMatchObject({ kind: 'timeout', isRetryable: true, message: 'no answer within 80 ms' });
    expect(waited).toBeGreaterThanOrEqual(79);
    expect(waited).toBeLessThan(500);
  });

  it('gives every call its full time, whenever it started; calls starting together share one signal', async () => {
    const { model, signals } = sleepyModel();
    const limited = timeoutMiddleware(model, 60);
    const starts: number[] = [];
    const outcomes: Promise<number>[] = [];
    for (let index = 0; index < 6; index += 1) {
      starts.push(performance.now());
      outcomes.push(
        limited.generate(requestFor('1000')).then(
          () => NaN,
          () => performance.now(),
        ),
      );
      await pause(15);
    }
    const ends = await Promise.all(outcomes);
    ends.forEach((end, index) => expect(end - (starts[index] ?? 0)).toBeGreaterThanOrEqual(59));
    const together = [limited.generate(requestFor('1')), limited.generate(requestFor('1'))];
    await Promise.all(together);
    expect(signals.at(-1)).toBe(signals.at(-2));
  });

  it('hands one signal to at most 32 calls (clients add a listener per call that they never remove)', async () => {
    const { model, signals } = sleepyModel();
    const limited = timeoutMiddleware(model, 60_000);
    await Promise.all(Array.from({ length: 100 }, () => limited.generate(requestFor('1'))));
    const uses = new Map<AbortSignal, number>();
    for (const signal of signals) uses.set(signal, (uses.get(signal) ?? 0) + 1);
    expect(Math.max(...uses.values())).toBeLessThanOrEqual(32);
    expect(uses.size).toBeLessThan(10);
  });

  it('passes on a stop of the caller as an abort, not a timeout, and refuses to start once stopped', async () => {
    const { model } = sleepyModel();
    const limited = timeoutMiddleware(model, 5000);
    const stop = new AbortController();
    const pending = limited.generate(requestFor('1000', { abortSignal: stop.signal })).catch((thrown: unknown) => thrown);
    await pause(10);
    stop.abort(new Error('SIGINT'));
    expect(await pending).toMatchObject({ kind: 'aborted' });
    await expect(limited.generate(requestFor('1', { abortSignal: stop.signal }))).rejects.toMatchObject({ kind: 'aborted' });
    // another caller's signal is untouched by the first one's stop
    expect((await limited.generate(requestFor('2', { abortSignal: new AbortController().signal }))).text).toBe('2');
  });

  it('keeps no timer alive once its calls settled (a finished run exits at once)', async () => {
    const { model } = sleepyModel();
    const limited = timeoutMiddleware(model, 60_000);
    const before = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    await Promise.all([limited.generate(requestFor('1')), limited.generate(requestFor('2'))]);
    await pause(300); // past the slice the group could still be joined in
    await limited.generate(requestFor('1'));
    expect(process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length).toBeLessThanOrEqual(before);
  });
});
