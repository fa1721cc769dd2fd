import { ProviderError } from '../../src/errors';
import { resolveFingerprint } from '../../src/pipeline/resolve-fingerprint';
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

const unreachable = (): ProviderError => new ProviderError('cannot reach http://127.0.0.1:1/v1', { isRetryable: false });
const fast = { timeoutMs: 1000, maxAttempts: 4, backoffMs: () => 1 };

describe('resolveFingerprint', () => {
  it('asks again after a dropped connection instead of stopping the run', async () => {
    const { model, calls } = scriptedModel([unreachable(), { fingerprint: { id: 'm', created: 1 } }]);
    await expect(resolveFingerprint(model, fast)).resolves.toEqual({ id: 'm', created: 1 });
    expect(calls()).toBe(2);
  });

  it('asks again after a 5xx so that bad luck does not change the cache key or break a resume', async () => {
    const { model, calls } = scriptedModel([{ fingerprint: undefined, transient: true }, { fingerprint: { id: 'm' } }]);
    await expect(resolveFingerprint(model, fast)).resolves.toEqual({ id: 'm' });
    expect(calls()).toBe(2);
  });

  it('gives up on an endpoint that stays unreachable after the attempts', async () => {
    const { model, calls } = scriptedModel([unreachable()]);
    await expect(resolveFingerprint(model, fast)).rejects.toThrow(/cannot reach/);
    expect(calls()).toBe(4);
  });

  it('does not retry a refused key, nor a server without /v1/models', async () => {
    const refused = scriptedModel([new ProviderError('refused', { isRetryable: false, status: 401 })]);
    await expect(resolveFingerprint(refused.model, fast)).rejects.toThrow(/refused/);
    expect(refused.calls()).toBe(1);
    const silent = scriptedModel([{ fingerprint: undefined }]);
    await expect(resolveFingerprint(silent.model, fast)).resolves.toBeUndefined();
    expect(silent.calls()).toBe(1);
  });
});
