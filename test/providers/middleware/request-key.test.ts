import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheMiddleware, requestKey } from '../../../src/providers/middleware/cache-middleware';
import type { GenerateRequest, GenerationSettings, LanguageModel } from '../../../src/providers/provider';
import { requestFor } from '../request-fixture';

const BASE: GenerationSettings = { temperature: 0, maxTokens: 16 };

describe('requestKey with the pass-through settings', () => {
  it('keeps the key of a request without them exactly as runs before them computed it (old caches still hit)', () => {
    const request = requestFor('Q?', { system: 'S', settings: { ...BASE, stop: ['\n'], seed: 3 } });
    const before = createHash('sha256')
      .update(JSON.stringify({ system: 'S', prompt: 'Q?', settings: { temperature: 0, maxTokens: 16, stop: ['\n'], seed: 3 } }))
      .digest('hex');
    expect(requestKey(request)).toBe(before);
  });

  it.each<[string, Partial<GenerationSettings>]>([
    ['top_p', { topP: 0.9 }],
    ['top_k', { topK: 40 }],
    ['presence_penalty', { presencePenalty: 0.5 }],
    ['frequency_penalty', { frequencyPenalty: 0.5 }],
    ['extra body', { extraBody: { guided_choice: ['0', '1'] } }],
    ['logprobs', { topLogprobs: 20 }],
  ])('tells a request with %s from one without', (_name, added) => {
    expect(requestKey(requestFor('Q?', { settings: { ...BASE, ...added } }))).not.toBe(requestKey(requestFor('Q?', { settings: BASE })));
  });

  it("does not depend on the extra body's key order, at any depth", () => {
    const one = requestFor('Q?', { settings: { ...BASE, extraBody: { a: 1, b: { y: 2, x: [{ q: 1, p: 2 }] } } } });
    const two = requestFor('Q?', { settings: { ...BASE, extraBody: { b: { x: [{ p: 2, q: 1 }], y: 2 }, a: 1 } } });
    expect(requestKey(one)).toBe(requestKey(two));
  });

  it('stores and serves the first-token logprobs and the reasoning with the answer', async () => {
    let calls = 0;
    const model: LanguageModel = {
      description: { provider: 'fake', model: 'm' },
      cacheable: true,
      generate: async () => {
        calls += 1;
        return {
          text: ' 2',
          latencyMs: 5,
          firstTokenLogprobs: [
            { token: ' 2', logprob: -0.1 },
            { token: '1', logprob: -2 },
          ],
          reasoning: 'because',
        };
      },
    };
    const directory = mkdtempSync(join(tmpdir(), 'shopeval-key-'));
    const request: GenerateRequest = requestFor('Q?', { settings: { ...BASE, maxTokens: 1, topLogprobs: 20 } });
    const first = cacheMiddleware(model, { directory });
    await first.model.generate(request);
    first.close();
    const second = cacheMiddleware(model, { directory }); // a new process: read back from disk
    const hit = await second.model.generate(request);
    second.close();
    expect(calls).toBe(1);
    expect(hit).toMatchObject({
      cached: true,
      text: ' 2',
      reasoning: 'because',
      firstTokenLogprobs: [
        { token: ' 2', logprob: -0.1 },
        { token: '1', logprob: -2 },
      ],
    });
  });
});
