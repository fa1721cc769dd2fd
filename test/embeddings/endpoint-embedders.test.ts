import { createOllamaEmbedder } from '../../src/embeddings/ollama-embedder';
import { createOpenAiEmbedder } from '../../src/embeddings/openai-embedder';
import { startFakeOllamaEmbed } from '../fakes/embeddings-ollama';
import { startFakeOpenAiEmbeddings } from '../fakes/embeddings-openai';
import { fakeEmbedding } from '../fakes/embeddings-vectors';
import type { FakeServer } from '../fakes/embeddings-vectors';

const TEXTS = ['Nike Air Max 90', 'A toggle switch is an electric switch.', 'Größe 42', '東京', ''];

describe('createOpenAiEmbedder with the real openai client', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeOpenAiEmbeddings({ models: ['sentence-transformers/all-MiniLM-L6-v2'] });
  });
  afterEach(() => server.close());

  const embedderFor = (extra: Partial<Parameters<typeof createOpenAiEmbedder>[0]> = {}) =>
    createOpenAiEmbedder({
      baseURL: `${server.url}/v1`,
      model: 'sentence-transformers/all-MiniLM-L6-v2',
      apiKey: 'secret-key',
      retry: { maxAttempts: 1 },
      ...extra,
    });

  it('asks for base64 by default, decodes it, orders by index and batches', async () => {
    const vectors = await embedderFor({ batchSize: 2 }).embed(TEXTS);
    expect(vectors).toEqual(TEXTS.map(fakeEmbedding));
    expect(server.requests.map((request) => (request.body as { input: string[] }).input)).toEqual([
      TEXTS.slice(0, 2),
      TEXTS.slice(2, 4),
      TEXTS.slice(4),
    ]);
    expect(server.requests.every((request) => (request.body as { encoding_format?: string }).encoding_format === 'base64')).toBe(true);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer secret-key');
  });

  it('reads float arrays when asked for float', async () => {
    const vectors = await embedderFor({ encodingFormat: 'float' }).embed(TEXTS);
    expect(vectors).toEqual(TEXTS.map(fakeEmbedding));
    expect((server.requests[0]?.body as { encoding_format?: string }).encoding_format).toBe('float');
  });

  it('names the endpoint and model in its description, never the key', () => {
    const description = embedderFor().description;
    expect(description).toBe(`openai:${server.url}/v1#sentence-transformers/all-MiniLM-L6-v2`);
    expect(description).not.toContain('secret');
  });

  it('surfaces an unknown model as an error', async () => {
    await expect(embedderFor({ model: 'other' }).embed(['x'])).rejects.toThrow(/does not exist/);
  });

  it('retries a 503 under the retry policy (the openai client itself never retries)', async () => {
    await server.close();
    server = await startFakeOpenAiEmbeddings({ models: ['m'], failFirst: 1 });
    const vectors = await createOpenAiEmbedder({
      baseURL: `${server.url}/v1`,
      model: 'm',
      apiKey: undefined,
      retry: { maxAttempts: 2, sleep: () => Promise.resolve() },
    }).embed(['a']);
    expect(vectors).toEqual([fakeEmbedding('a')]);
    expect(server.requests).toHaveLength(2);
  });
});

describe('createOllamaEmbedder with the real ollama client', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeOllamaEmbed(['all-minilm:l6-v2']);
  });
  afterEach(() => server.close());

  it('posts batches to /api/embed with truncation on and returns the vectors in order', async () => {
    const embedder = createOllamaEmbedder({ host: server.url, model: 'all-minilm:l6-v2', batchSize: 3 });
    await expect(embedder.embed(TEXTS)).resolves.toEqual(TEXTS.map(fakeEmbedding));
    expect(server.requests.map((request) => request.body)).toEqual([
      { model: 'all-minilm:l6-v2', input: TEXTS.slice(0, 3), truncate: true },
      { model: 'all-minilm:l6-v2', input: TEXTS.slice(3), truncate: true },
    ]);
    expect(embedder.description).toBe(`ollama:${server.url}#all-minilm:l6-v2`);
  });

  it('surfaces a model that is not pulled, without retrying it', async () => {
    const embedder = createOllamaEmbedder({ host: server.url, model: 'missing' });
    await expect(embedder.embed(['x'])).rejects.toThrow(/not found, try pulling it first/);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a busy server (503) under the retry policy', async () => {
    await server.close();
    server = await startFakeOllamaEmbed(['all-minilm:l6-v2'], { failFirst: 2 });
    const embedder = createOllamaEmbedder({ host: server.url, model: 'all-minilm:l6-v2', retry: { sleep: () => Promise.resolve() } });
    await expect(embedder.embed(['a'])).resolves.toEqual([fakeEmbedding('a')]);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up on a stalled request after its timeout and asks again', async () => {
    await server.close();
    server = await startFakeOllamaEmbed(['all-minilm:l6-v2'], { stallFirstMs: 1000 });
    const embedder = createOllamaEmbedder({
      host: server.url,
      model: 'all-minilm:l6-v2',
      timeoutMs: 200,
      retry: { sleep: () => Promise.resolve() },
    });
    await expect(embedder.embed(['a'])).resolves.toEqual([fakeEmbedding('a')]);
    expect(server.requests).toHaveLength(2);
    await server.close();
    server = await startFakeOllamaEmbed(['all-minilm:l6-v2'], { stallFirstMs: 1000 });
    const stalled = createOllamaEmbedder({ host: server.url, model: 'all-minilm:l6-v2', timeoutMs: 200, retry: { maxAttempts: 1 } });
    await expect(stalled.embed(['a'])).rejects.toThrow(/no answer within 200 ms/);
  });
});
