import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCachedEmbedder, defaultEmbeddingCacheDirectory } from '../../src/embeddings/embedding-cache';
import type { Embedder } from '../../src/scoring/types';

function recordingEmbedder(): Embedder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    description: 'recording',
    embed: async (texts) => {
      calls.push([...texts]);
      return texts.map((text) => [text.length, 0.1 + text.charCodeAt(0) / 7]);
    },
  };
}

describe('createCachedEmbedder', () => {
  let directory: string;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'shopeval-embedding-cache-'))));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('a second call, even from a new embedder, does not reach the backend and returns the same vectors', async () => {
    const first = recordingEmbedder();
    const vectorsFirst = await createCachedEmbedder(first, { directory, identity: 'local|sha256:abc' }).embed(['a', 'bb', 'a']);
    expect(first.calls).toEqual([['a', 'bb']]);

    const second = recordingEmbedder();
    const vectorsSecond = await createCachedEmbedder(second, { directory, identity: 'local|sha256:abc' }).embed(['bb', 'a']);
    expect(second.calls).toEqual([]);
    expect(vectorsSecond).toEqual([vectorsFirst[1], vectorsFirst[0]]);
    expect(vectorsFirst[0]).toEqual(vectorsFirst[2]);
  });

  it('only the missing texts reach the backend', async () => {
    const backend = recordingEmbedder();
    const cached = createCachedEmbedder(backend, { directory, identity: 'x' });
    await cached.embed(['a']);
    await cached.embed(['a', 'c', 'd']);
    expect(backend.calls).toEqual([['a'], ['c', 'd']]);
  });

  it('keys entries by model identity: another model does not reuse them', async () => {
    const backend = recordingEmbedder();
    await createCachedEmbedder(backend, { directory, identity: 'openai|http://a/v1|m1' }).embed(['a']);
    await createCachedEmbedder(backend, { directory, identity: 'openai|http://a/v1|m2' }).embed(['a']);
    expect(backend.calls).toEqual([['a'], ['a']]);
    const identities = readdirSync(directory).map((entry) => readFileSync(join(directory, entry, 'identity.txt'), 'utf8').trim());
    expect(identities.sort()).toEqual(['openai|http://a/v1|m1', 'openai|http://a/v1|m2']);
  });

  it('defaults to $XDG_CACHE_HOME/shopeval/embeddings', () => {
    expect(defaultEmbeddingCacheDirectory({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/shopeval/embeddings');
    expect(defaultEmbeddingCacheDirectory({})).toMatch(/\.cache\/shopeval\/embeddings$/);
  });
});
