import type { ShopBenchRow } from '../../src/dataset/row';
import { PROBE_ITEMS, probeBehaviour, probeCandidates, probeRows } from '../../src/pipeline/behaviour-probe';
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

describe('probeCandidates (the probe items of streamed rows)', () => {
  /** Rows as a stream that counts how many were read. */
  function counted(source: readonly ShopBenchRow[]) {
    const state = { read: 0, closed: false };
    async function* stream(): AsyncGenerator<ShopBenchRow> {
      try {
        for (const item of source) {
          state.read += 1;
          yield item;
        }
      } finally {
        state.closed = true;
      }
    }
    return { stream: stream(), state };
  }
  const choice = (index: number): ShopBenchRow => ({
    ...row(index),
    taskType: 'multiple-choice',
    metric: 'accuracy',
    isMultipleChoice: true,
  });
  const mixed = Array.from({ length: 200 }, (_, index) => (index % 3 === 0 ? row(index) : choice(index)));

  it('chooses what probeRows chooses, and stops reading once enough rows have the largest budget', async () => {
    const { stream, state } = counted(mixed);
    const chosen = await probeCandidates(stream, prompt);
    expect(chosen.map((item) => item.id)).toEqual(probeRows(mixed, prompt).map((item) => item.id));
    expect(chosen.map((item) => item.id)).toEqual(['r0', 'r3', 'r6', 'r9']);
    expect(state.read).toBe(10);
    expect(state.closed).toBe(true);
  });

  it('reads every row when fewer rows than the probe needs have the largest budget', async () => {
    const few = mixed.map((item, index) => (index === 150 ? row(index) : choice(index)));
    const { stream, state } = counted(few);
    const chosen = await probeCandidates(stream, prompt);
    expect(chosen.map((item) => item.id)).toEqual(probeRows(few, prompt).map((item) => item.id));
    expect(chosen[0]?.id).toBe('r150');
    expect(state.read).toBe(200);
  });
});
