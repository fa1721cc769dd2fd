import { ProviderError } from '../../src/errors';
import { retryPolicy } from '../../src/providers/retry-policy';
import { resolveServerIdentity } from '../../src/pipeline/resolve-identity';
import type { EndpointProbe, LanguageModel } from '../../src/providers/provider';

/** A model whose probe plays back a script: an error to throw or a probe result, one per call. */
function scriptedModel(script: readonly (EndpointProbe | Error)[]): { model: LanguageModel; calls: () => number } {
  let calls = 0;
  const model: LanguageModel = {
    description: { provider: 'openai-compatible', model: 'm', endpoint: 'http://127.0.0.1:1/v1' },
    cacheable: true,
    generate: () => Promise.reject(new Error('not used')),
    probe: async () => {
      const step = script[Math.min(calls, script.length - 1)] as EndpointProbe | Error;
      calls += 1;
      if (step instanceof Error) throw step;
      return step;
    },
  };
  return { model, calls: () => calls };
}

const unreachable = (): ProviderError => new ProviderError('cannot reach http://127.0.0.1:1/v1', { isRetryable: true });
const fast = { timeoutMs: 1000, retry: retryPolicy({ maxAttempts: 4, sleep: () => Promise.resolve() }) };

describe('resolveServerIdentity', () => {
  it('asks again after a dropped connection instead of stopping the run', async () => {
    const identity = { server: 'vllm' as const, facts: { id: 'm', root: '/w' }, strength: 'metadata' as const };
    const { model, calls } = scriptedModel([unreachable(), { identity }]);
    await expect(resolveServerIdentity(model, fast)).resolves.toEqual({ kind: 'probed', server: identity });
    expect(calls()).toBe(2);
  });

  it('asks again after a 5xx so that bad luck does not change the cache key or break a resume', async () => {
    const identity = { server: 'llama.cpp' as const, facts: { id: 'm', 'meta.n_params': 7 }, strength: 'metadata' as const };
    const { model, calls } = scriptedModel([{ identity: undefined, transient: true }, { identity }]);
    await expect(resolveServerIdentity(model, fast)).resolves.toEqual({ kind: 'probed', server: identity });
    expect(calls()).toBe(2);
  });

  it('gives up on an endpoint that stays unreachable after the attempts', async () => {
    const { model, calls } = scriptedModel([unreachable()]);
    await expect(resolveServerIdentity(model, fast)).rejects.toThrow(/cannot reach/);
    expect(calls()).toBe(4);
  });

  it('does not retry a refused key, nor a server without /v1/models', async () => {
    const refused = scriptedModel([new ProviderError('refused', { isRetryable: false, status: 401 })]);
    await expect(resolveServerIdentity(refused.model, fast)).rejects.toThrow(/refused/);
    expect(refused.calls()).toBe(1);
    const silent = scriptedModel([{ identity: { server: 'openai-compatible', facts: { id: 'm' }, strength: 'name-only' } }]);
    await expect(resolveServerIdentity(silent.model, fast)).resolves.toMatchObject({ server: { strength: 'name-only' } });
    expect(silent.calls()).toBe(1);
  });
});
