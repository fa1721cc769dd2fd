import { endpointWatchMiddleware, type EndpointDown } from '../../../src/providers/middleware/endpoint-watch-middleware';
import type { GenerateResponse, LanguageModel } from '../../../src/providers/provider';
import { ProviderCallError } from '../../../src/providers/provider-call-error';
import { requestFor } from '../request-fixture';

type Outcome = 'ok' | 'refused' | 'timeout' | 'http-500';

function scriptedModel(next: () => Outcome): LanguageModel {
  return {
    description: { provider: 'test', model: 'm' },
    cacheable: true,
    generate: async (): Promise<GenerateResponse> => {
      const outcome = next();
      if (outcome === 'ok') return { text: 'a', latencyMs: 1 };
      if (outcome === 'http-500') throw new ProviderCallError({ kind: 'http', status: 500, message: 'boom' });
      throw new ProviderCallError({
        kind: outcome === 'refused' ? 'connection' : 'timeout',
        message: outcome === 'refused' ? 'connect ECONNREFUSED' : 'no answer',
      });
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('endpoint watch', () => {
  it('reports once when every attempt has failed to connect for the bound, naming the last error', async () => {
    const downs: EndpointDown[] = [];
    const model = endpointWatchMiddleware(
      scriptedModel(() => 'refused'),
      { afterMs: 150, onDown: (down) => downs.push(down) },
    );
    for (let attempt = 0; attempt < 3; attempt += 1)
      await expect(model.generate(requestFor('q'))).rejects.toBeInstanceOf(ProviderCallError);
    expect(downs).toEqual([]);
    await sleep(250); // no attempt in between (the retry layer is backing off): the timer still fires
    await expect(model.generate(requestFor('q'))).rejects.toBeInstanceOf(ProviderCallError);
    await sleep(200);
    expect(downs).toHaveLength(1);
    expect(downs[0]?.sinceMs).toBeGreaterThanOrEqual(140);
    expect(downs[0]?.lastError).toBe('connection: connect ECONNREFUSED');
  });

  it('never fires for scattered faults: any answer, even an HTTP error, starts the count again', async () => {
    const downs: EndpointDown[] = [];
    const script: Outcome[] = ['refused', 'timeout', 'ok', 'refused', 'http-500', 'refused'];
    let call = 0;
    const model = endpointWatchMiddleware(
      scriptedModel(() => script[call++ % script.length] ?? 'ok'),
      { afterMs: 500, onDown: (down) => downs.push(down) },
    );
    for (let attempt = 0; attempt < 12; attempt += 1) {
      await model.generate(requestFor('q')).catch(() => undefined);
      await sleep(40);
    }
    await sleep(60);
    expect(downs).toEqual([]);
  });
});
