import type { ShopBenchRow } from '../../src/dataset/row';
import { PROBE_ITEMS, probeBehaviour } from '../../src/pipeline/behaviour-probe';
import { DEFAULT_MAX_TOKENS } from '../../src/pipeline/prompt-settings';
import { applyMiddleware } from '../../src/providers/middleware/apply-middleware';
import type { GenerateRequest, LanguageModel } from '../../src/providers/provider';
import { ProviderCallError } from '../../src/providers/provider-call-error';

function row(index: number): ShopBenchRow {
  return {
    id: `r${index}`,
    input: `Describe item ${index}.`,
    truth: 'x',
    taskType: 'generation',
    metric: 'rougel',
    taskName: 'task1',
    track: 't',
    isMultipleChoice: false,
    source: { file: 'x.jsonl', position: index + 1, kind: 'line' },
  };
}

/** The row a request asks about (the builtin provider's per-request data carries it). */
function idOf(request: GenerateRequest): string {
  return request.providerOptions?.builtin?.item.id ?? '';
}

const rows = Array.from({ length: 10 }, (_, index) => row(index));
const prompt = { temperature: 0, maxTokens: DEFAULT_MAX_TOKENS };

/** A model answering after `delayMs(request)`, recording how many calls were in flight at once. */
function delayedModel(delayMs: (request: GenerateRequest) => number, fail?: (request: GenerateRequest) => boolean) {
  const state = { active: 0, peak: 0, calls: 0 };
  const model: LanguageModel = {
    description: { provider: 'test', model: 'm' },
    cacheable: true,
    generate: async (request) => {
      state.calls += 1;
      state.active += 1;
      state.peak = Math.max(state.peak, state.active);
      await new Promise((resolve) => setTimeout(resolve, delayMs(request)));
      state.active -= 1;
      if (fail?.(request) === true) throw new ProviderCallError({ kind: 'http', status: 400, message: `bad ${idOf(request)}` });
      return { text: `answer to ${idOf(request)}`, latencyMs: 1 };
    },
  };
  return { model, state };
}

describe('the identity probe', () => {
  it("asks its items through the caller's stack: one at a time under concurrency 1, hashed in probe order", async () => {
    const serialModel = delayedModel(() => 5);
    const serialStack = applyMiddleware(serialModel.model, { concurrency: 1, timeoutMs: 10_000, retry: { maxAttempts: 1 } });
    const serial = await probeBehaviour({ rows, model: serialStack.model, prompt });
    serialStack.close();
    expect(serialModel.state.peak).toBe(1);
    // under a wider stack the answers may finish in any order; the evidence is still hashed in probe order
    const slowFirst = delayedModel((request) => (idOf(request) === 'r0' ? 60 : 5));
    const wide = applyMiddleware(slowFirst.model, { concurrency: PROBE_ITEMS, timeoutMs: 10_000, retry: { maxAttempts: 1 } });
    const probe = await probeBehaviour({ rows, model: wide.model, prompt });
    wide.close();
    expect(slowFirst.state.peak).toBe(PROBE_ITEMS);
    if (!('evidence' in probe) || !('evidence' in serial)) throw new Error('the probe failed');
    expect(probe.evidence).toEqual(serial.evidence);
    expect(probe.evidence.items).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(probe.answers.map((answer) => answer.response.text)).toEqual(['r0', 'r1', 'r2', 'r3'].map((id) => `answer to ${id}`));
  });

  it('names the first failing item in probe order, not the first to fail in time, after every item has settled', async () => {
    const { model, state } = delayedModel(
      (request) => (idOf(request) === 'r1' ? 40 : 1),
      (request) => idOf(request) === 'r1' || idOf(request) === 'r3',
    );
    const probe = await probeBehaviour({ rows, model, prompt });
    expect(probe).toEqual({ failed: expect.stringMatching(/^the probe item r1 failed \(.*bad r1/) as unknown });
    expect(state.active).toBe(0);
    expect(state.calls).toBe(PROBE_ITEMS);
  });

  it('fails with no rows to probe', async () => {
    const { model } = delayedModel(() => 1);
    await expect(probeBehaviour({ rows: [], model, prompt })).resolves.toEqual({ failed: 'the run has no items to probe with' });
  });
});
