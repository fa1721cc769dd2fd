import { mkdtempSync, readdirSync, readFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheMissError, cacheMiddleware } from '../../../src/providers/middleware/cache-middleware';
import type { GenerateRequest, LanguageModel } from '../../../src/providers/provider';
import { ProviderCallError } from '../../../src/providers/provider-call-error';
import type { CheckpointIdentity } from '../../../src/providers/identity/checkpoint-identity';
import { requestFor } from '../request-fixture';

function recordingModel(endpoint = 'http://a'): LanguageModel & { prompts: string[]; fail: boolean } {
  const model = {
    description: { provider: 'test', model: 'm', endpoint },
    cacheable: true,
    prompts: [] as string[],
    fail: false,
    generate: async (request: GenerateRequest) => {
      model.prompts.push(request.prompt);
      if (model.fail) throw new ProviderCallError({ kind: 'http', status: 500, message: 'down' });
      return { text: `answer to ${request.prompt}`, latencyMs: 5, usage: { promptTokens: 1 } };
    },
  };
  return model;
}

describe('cache middleware', () => {
  it('answers a repeated request from disk, across instances (runs)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cache-'));
    const first = recordingModel();
    const one = cacheMiddleware(first, { directory });
    await one.model.generate(requestFor('q1'));
    one.close();
    const second = recordingModel();
    const two = cacheMiddleware(second, { directory });
    const response = await two.model.generate(requestFor('q1'));
    expect(response).toMatchObject({ text: 'answer to q1', cached: true, attempts: 0, usage: { promptTokens: 1 } });
    expect(second.prompts).toEqual([]);
    expect(two.statistics).toEqual({ hits: 1, misses: 0 });
  });

  it('keys on the checkpoint identity and every setting, not on the endpoint', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cache-'));
    const identity = (digest: string): CheckpointIdentity => ({
      server: 'ollama',
      facts: { digest },
      strength: 'content-digest',
      checkpoint_id: null,
      behaviour: null,
    });
    const model = recordingModel();
    const cached = cacheMiddleware(model, { directory, identity: identity('a') });
    await cached.model.generate(requestFor('q'));
    await cached.model.generate(requestFor('q', { settings: { temperature: 0.5, seed: 2 } }));
    await cached.model.generate(requestFor('q', { settings: { temperature: 0, seed: 1 } }));
    await cached.model.generate(requestFor('q', { system: 's' }));
    await cached.model.generate(requestFor('q', { settings: { temperature: 0, stop: ['x'] } }));
    await cached.model.generate(requestFor('q', { settings: { temperature: 0, maxTokens: 3 } }));
    expect(model.prompts).toHaveLength(6);
    cached.close();
    const otherCheckpoint = recordingModel();
    await cacheMiddleware(otherCheckpoint, { directory, identity: identity('b') }).model.generate(requestFor('q'));
    const otherPort = recordingModel('http://a:8001');
    const moved = cacheMiddleware(otherPort, { directory, identity: identity('a') });
    await expect(moved.model.generate(requestFor('q'))).resolves.toMatchObject({ cached: true });
    expect([otherCheckpoint.prompts, otherPort.prompts]).toEqual([['q'], []]);
  });

  it('never stores nor serves answers sampled without a seed', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cache-'));
    const sampled = requestFor('q', { settings: { temperature: 0.8 } });
    const first = recordingModel();
    const one = cacheMiddleware(first, { directory });
    await one.model.generate(sampled);
    await one.model.generate(sampled);
    one.close();
    expect(first.prompts).toEqual(['q', 'q']);
    expect(one.statistics).toEqual({ hits: 0, misses: 0 });
    const second = recordingModel();
    await cacheMiddleware(second, { directory }).model.generate(sampled);
    expect(second.prompts).toEqual(['q']);
  });

  it('never caches errors, tolerates a torn line, and fails on a miss in cache-only mode', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cache-'));
    const model = recordingModel();
    model.fail = true;
    const cached = cacheMiddleware(model, { directory });
    await expect(cached.model.generate(requestFor('q'))).rejects.toBeInstanceOf(ProviderCallError);
    model.fail = false;
    await cached.model.generate(requestFor('q'));
    cached.close();
    expect(model.prompts).toEqual(['q', 'q']);
    const file = join(directory, readdirSync(directory)[0] ?? '');
    appendFileSync(file, '{"key": "torn');
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(2);
    const offline = cacheMiddleware(recordingModel(), { directory, cacheOnly: true });
    await expect(offline.model.generate(requestFor('q'))).resolves.toMatchObject({ cached: true });
    await expect(offline.model.generate(requestFor('never'))).rejects.toBeInstanceOf(CacheMissError);
  });

  it('cuts a torn last line on open, so the next entry does not glue onto it and is found again', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cache-'));
    const first = cacheMiddleware(recordingModel(), { directory });
    await first.model.generate(requestFor('before the crash'));
    first.close();
    const file = join(directory, readdirSync(directory)[0] ?? '');
    appendFileSync(file, '{"key": "torn by a cra');
    const second = cacheMiddleware(recordingModel(), { directory });
    await second.model.generate(requestFor('after the crash'));
    second.close();
    expect(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as { text: string })
        .map((entry) => entry.text),
    ).toEqual(['answer to before the crash', 'answer to after the crash']);
    const third = recordingModel();
    const reopened = cacheMiddleware(third, { directory });
    await reopened.model.generate(requestFor('after the crash'));
    expect(third.prompts).toEqual([]);
  });
});
