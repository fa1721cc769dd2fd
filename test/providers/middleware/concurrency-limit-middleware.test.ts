import { concurrencyLimitMiddleware } from '../../../src/providers/middleware/concurrency-limit-middleware';
import type { LanguageModel } from '../../../src/providers/provider';
import { requestFor } from '../request-fixture';

it('keeps at most `limit` calls in flight and finishes them all', async () => {
  let active = 0;
  let peak = 0;
  const model: LanguageModel = {
    description: { provider: 'test', model: 'm' },
    cacheable: false,
    generate: async (request) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 2));
      active -= 1;
      return { text: request.prompt, latencyMs: 2 };
    },
  };
  const limited = concurrencyLimitMiddleware(model, 3);
  const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => limited.generate(requestFor(String(index)))));
  expect(answers.map((answer) => answer.text)).toEqual(Array.from({ length: 20 }, (_, index) => String(index)));
  expect(peak).toBe(3);
});

it('gives the slot back without calling when a waiting request was aborted (a stopped run sends nothing more)', async () => {
  const prompts: string[] = [];
  let release: () => void = () => undefined;
  const model: LanguageModel = {
    description: { provider: 'test', model: 'm' },
    cacheable: false,
    generate: async (request) => {
      prompts.push(request.prompt);
      await new Promise<void>((resolve) => (release = resolve));
      return { text: request.prompt, latencyMs: 1 };
    },
  };
  const limited = concurrencyLimitMiddleware(model, 1);
  const stop = new AbortController();
  const first = limited.generate(requestFor('first', { abortSignal: stop.signal }));
  const waiting = limited.generate(requestFor('waiting', { abortSignal: stop.signal }));
  stop.abort();
  release();
  await expect(first).resolves.toMatchObject({ text: 'first' });
  await expect(waiting).rejects.toMatchObject({ kind: 'aborted' });
  expect(prompts).toEqual(['first']);
});
