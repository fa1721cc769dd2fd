/**
 * @jest-environment ./test/embeddings/onnx-runtime-environment.js
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalEmbedder } from '../../src/embeddings/local-embedder';
import type { LocalEmbedder } from '../../src/embeddings/local-embedder';

const MODEL_DIRECTORY = join(__dirname, '../../fixtures/models/tiny-encoder');

interface Expected {
  readonly max_seq_length: number;
  readonly sentences: readonly string[];
  readonly token_ids: readonly (readonly number[])[];
  readonly mean_pooled: readonly (readonly number[])[];
  readonly normalized: readonly (readonly number[])[];
}

const expected = JSON.parse(readFileSync(join(MODEL_DIRECTORY, 'expected-embeddings.json'), 'utf8')) as Expected;

function maxAbsoluteDifference(actual: readonly (readonly number[])[], reference: readonly (readonly number[])[]): number {
  expect(actual).toHaveLength(reference.length);
  let worst = 0;
  actual.forEach((vector, row) => {
    const referenceVector = reference[row] ?? [];
    expect(vector).toHaveLength(referenceVector.length);
    vector.forEach((value, column) => (worst = Math.max(worst, Math.abs(value - (referenceVector[column] ?? NaN)))));
  });
  return worst;
}

describe('createLocalEmbedder on the tiny BERT fixture', () => {
  let plain: LocalEmbedder;
  let normalized: LocalEmbedder;

  beforeAll(async () => {
    const common = { model: MODEL_DIRECTORY, maxSeqLength: expected.max_seq_length, localFilesOnly: true };
    plain = await createLocalEmbedder({ ...common, normalize: false, batchSize: 4 });
    normalized = await createLocalEmbedder({ ...common, normalize: true });
  });

  afterAll(async () => {
    await plain.dispose();
    await normalized.dispose();
  });

  it('the fixture exercises truncation, padding, accents, CJK and unknown characters', () => {
    expect(expected.sentences.length).toBeGreaterThanOrEqual(10);
    expect(expected.token_ids.filter((ids) => ids.length === expected.max_seq_length).length).toBeGreaterThanOrEqual(2);
    expect(expected.token_ids.some((ids) => ids.includes(1))).toBe(true); // [UNK]
  });

  it('mean pooling matches the independent numpy computation within 1e-6 (batches of 4, mixed lengths)', async () => {
    const vectors = await plain.embed(expected.sentences);
    expect(maxAbsoluteDifference(vectors, expected.mean_pooled)).toBeLessThan(1e-6);
  });

  it('mean pooling + Normalize matches within 1e-6 (one batch of 32) and gives unit vectors', async () => {
    const vectors = await normalized.embed(expected.sentences);
    expect(maxAbsoluteDifference(vectors, expected.normalized)).toBeLessThan(1e-6);
    for (const vector of vectors) expect(Math.hypot(...vector)).toBeCloseTo(1, 12);
  });

  it('a text embeds the same alone as inside a padded batch', async () => {
    const longest = expected.sentences[0] ?? '';
    const [alone] = await plain.embed(['Nike Air Max 90']);
    const [, inBatch] = await plain.embed([longest, 'Nike Air Max 90']);
    expect(maxAbsoluteDifference([alone ?? []], [inBatch ?? []])).toBeLessThan(1e-6);
  });

  it('returns nothing for no texts', async () => {
    await expect(plain.embed([])).resolves.toEqual([]);
  });

  it('refuses a bad batch size', async () => {
    await expect(
      createLocalEmbedder({ model: MODEL_DIRECTORY, maxSeqLength: 16, localFilesOnly: true, normalize: false, batchSize: 0 }),
    ).rejects.toThrow(/batch size/);
  });
});
