/**
 * @jest-environment ./test/embeddings/onnx-runtime-environment.js
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveEmbedders } from '../../src/embeddings/resolve-embedders';
import type { EmbeddingOptions } from '../../src/embeddings/resolve-embedders';
import { startFakeOllamaEmbed } from '../fakes/embeddings-ollama';
import { startFakeOpenAiEmbeddings } from '../fakes/embeddings-openai';
import { fakeEmbedding } from '../fakes/embeddings-vectors';

const TINY = join(__dirname, '../../fixtures/models/tiny-encoder');
const expected = JSON.parse(readFileSync(join(TINY, 'expected-embeddings.json'), 'utf8')) as {
  sentences: string[];
  normalized: number[][];
};

let scratch: string;
let base: EmbeddingOptions;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'shopeval-resolve-'));
  // no real user caches: every lookup stays inside the scratch directory
  base = { environment: { XDG_CACHE_HOME: join(scratch, 'xdg'), HF_HOME: join(scratch, 'hf') }, cacheDirectory: join(scratch, 'cache') };
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('resolveEmbedders, local backend', () => {
  it('loads a model directory given per metric, with its sentence-transformers settings (Normalize, max_seq_length 16)', async () => {
    const { embedders, unavailable } = await resolveEmbedders({
      ...base,
      metrics: ['sent-transformer'],
      perMetric: { 'sent-transformer': { model: TINY } },
      allowOtherModel: true,
    });
    expect(unavailable).toEqual({});
    const vectors = await embedders['sent-transformer']?.embed(expected.sentences);
    vectors?.forEach((vector, row) =>
      vector.forEach((value, column) => expect(Math.abs(value - (expected.normalized[row]?.[column] ?? NaN))).toBeLessThan(1e-6)),
    );
    expect(embedders['sent-transformer']?.description).toBe(`local:${TINY}`);
  });

  it('finds <root>/<hub id>/ under --embedding-model-dir', async () => {
    const root = join(scratch, 'models');
    cpSync(TINY, join(root, 'sentence-transformers/all-MiniLM-L6-v2'), { recursive: true });
    const { embedders, unavailable } = await resolveEmbedders({
      ...base,
      metrics: ['sent-transformer'],
      modelRoot: root,
      allowOtherModel: true,
    });
    expect(unavailable).toEqual({});
    expect(embedders['sent-transformer']?.description).toContain(join(root, 'sentence-transformers/all-MiniLM-L6-v2'));
  });

  it('refuses a directory whose shape is not the official model, naming the override flag', async () => {
    const { embedders, unavailable } = await resolveEmbedders({
      ...base,
      metrics: ['sent-transformer'],
      perMetric: { 'sent-transformer': { model: TINY } },
    });
    expect(embedders).toEqual({});
    expect(unavailable['sent-transformer']).toMatch(
      /is not sentence-transformers\/all-MiniLM-L6-v2: its config.json has 2 layers.*--allow-other-embedding-model/,
    );
  });

  it('refuses a directory whose modules.json contradicts the metric (Normalize for the multilingual model)', async () => {
    const { unavailable } = await resolveEmbedders({
      ...base,
      metrics: ['multilingual-sent-transformer'],
      perMetric: { 'multilingual-sent-transformer': { model: TINY } },
      allowOtherModel: true,
    });
    expect(unavailable['multilingual-sent-transformer']).toMatch(
      /modules.json has a Normalize module, unlike sentence-transformers\/paraphrase-multilingual-MiniLM-L12-v2/,
    );
  });

  it('says which files a directory lacks', async () => {
    const incomplete = join(scratch, 'incomplete');
    mkdirSync(incomplete);
    writeFileSync(join(incomplete, 'config.json'), '{}');
    const { unavailable } = await resolveEmbedders({
      ...base,
      metrics: ['sent-transformer'],
      perMetric: { 'sent-transformer': { model: incomplete } },
    });
    expect(unavailable['sent-transformer']).toMatch(/incomplete lacks tokenizer.json, onnx\/model.onnx\. To score it: put its ONNX export/);
  });

  it('with no model anywhere and no download allowed, every metric says exactly what to do', async () => {
    const { embedders, unavailable } = await resolveEmbedders(base);
    expect(embedders).toEqual({});
    expect(unavailable['sent-transformer']).toMatch(/no local copy of sentence-transformers\/all-MiniLM-L6-v2 was found/);
    for (const flag of [
      '--sent-transformer-model DIR',
      '--embedding-model-dir ROOT',
      '--allow-model-download',
      '--sent-transformer-backend openai --embedding-base-url URL',
      'all-minilm:l6-v2',
    ]) {
      expect(unavailable['sent-transformer']).toContain(flag);
    }
    expect(unavailable['multilingual-sent-transformer']).toContain('--multilingual-sent-transformer-model DIR');
    expect(unavailable['multilingual-sent-transformer']).toContain('ROOT/sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2/');
  });

  it('backend none leaves the metric unscored with a reason', async () => {
    const { unavailable } = await resolveEmbedders({ ...base, backend: 'none' });
    expect(unavailable['sent-transformer']).toMatch(/switched off \(--embedding-backend none\)\. To score it: /); // the flag the user gave
    const perMetric = await resolveEmbedders({ ...base, perMetric: { 'sent-transformer': { backend: 'none' } } });
    expect(perMetric.unavailable['sent-transformer']).toMatch(/switched off \(--sent-transformer-backend none\)/);
  });
});

describe('resolveEmbedders, endpoint backends', () => {
  it('openai: probes the endpoint, reads the key from the environment and caches embeddings on disk', async () => {
    const server = await startFakeOpenAiEmbeddings({ models: ['sentence-transformers/all-MiniLM-L6-v2'] });
    try {
      const options: EmbeddingOptions = {
        ...base,
        environment: { ...base.environment, SHOPEVAL_EMBEDDING_API_KEY: 'k-123' },
        metrics: ['sent-transformer'],
        backend: 'openai',
        openaiBaseURL: `${server.url}/v1`,
        allowOtherModel: true,
        maxRetries: 0,
      };
      const first = await resolveEmbedders(options);
      expect(first.unavailable).toEqual({});
      await expect(first.embedders['sent-transformer']?.embed(['a', 'b'])).resolves.toEqual([fakeEmbedding('a'), fakeEmbedding('b')]);
      expect(server.requests[0]?.headers.authorization).toBe('Bearer k-123');
      const requestsBefore = server.requests.length;
      const second = await resolveEmbedders(options);
      await expect(second.embedders['sent-transformer']?.embed(['b', 'a'])).resolves.toEqual([fakeEmbedding('b'), fakeEmbedding('a')]);
      expect(server.requests.length).toBe(requestsBefore + 1); // the probe only: the texts came from the cache
    } finally {
      await server.close();
    }
  });

  it('openai: a server giving vectors of the wrong size is refused (a different model)', async () => {
    const server = await startFakeOpenAiEmbeddings({ models: ['sentence-transformers/all-MiniLM-L6-v2'] });
    try {
      const { unavailable } = await resolveEmbedders({
        ...base,
        metrics: ['sent-transformer'],
        backend: 'openai',
        openaiBaseURL: `${server.url}/v1`,
        maxRetries: 0,
      });
      expect(unavailable['sent-transformer']).toMatch(
        /returned 8-dimensional embeddings; sentence-transformers\/all-MiniLM-L6-v2 gives 384/,
      );
    } finally {
      await server.close();
    }
  });

  it('openai: no base URL, or an endpoint that does not answer, says which flag to fix', async () => {
    const missing = await resolveEmbedders({ ...base, metrics: ['sent-transformer'], backend: 'openai' });
    expect(missing.unavailable['sent-transformer']).toMatch(/no endpoint was given: pass --embedding-base-url URL/);
    const server = await startFakeOpenAiEmbeddings({ models: [] });
    await server.close();
    const down = await resolveEmbedders({
      ...base,
      metrics: ['sent-transformer'],
      backend: 'openai',
      openaiBaseURL: `${server.url}/v1`,
      maxRetries: 0,
    });
    expect(down.unavailable['sent-transformer']).toMatch(
      /embeddings endpoint .* failed for model sentence-transformers\/all-MiniLM-L6-v2 .*--embedding-base-url/,
    );
  });

  it('ollama: uses all-minilm:l6-v2 for sent-transformer, says how to pull a missing model, and has no multilingual default', async () => {
    const server = await startFakeOllamaEmbed(['all-minilm:l6-v2']);
    try {
      const ok = await resolveEmbedders({ ...base, backend: 'ollama', ollamaHost: server.url, allowOtherModel: true });
      expect(ok.embedders['sent-transformer']?.description).toBe(`ollama:${server.url}#all-minilm:l6-v2`);
      expect(ok.unavailable['multilingual-sent-transformer']).toMatch(
        /Ollama publishes no sentence-transformers\/paraphrase-multilingual-MiniLM-L12-v2.*--multilingual-sent-transformer-model NAME/,
      );
      const missing = await resolveEmbedders({
        ...base,
        metrics: ['sent-transformer'],
        backend: 'ollama',
        ollamaHost: server.url,
        perMetric: { 'sent-transformer': { model: 'all-minilm:l12-v2' } },
      });
      expect(missing.unavailable['sent-transformer']).toMatch(/run `ollama pull all-minilm:l12-v2`/);
    } finally {
      await server.close();
    }
  });
});
