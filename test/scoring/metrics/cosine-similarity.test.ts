import { cosineSimilarity, semanticSimilarity } from '../../../src/scoring/metrics/cosine-similarity';
import { embedAndScore } from '../../../src/scoring/metrics/semantic-scores';
import type { Embedder } from '../../../src/scoring/types';

describe('cosineSimilarity', () => {
  it.each([
    { left: [1, 0], right: [0, 1], cosine: 0 },
    { left: [1, 2, 3], right: [2, 4, 6], cosine: 1 },
    { left: [1, 2, 3], right: [-1, -2, -3], cosine: -1 },
    { left: [3, 4], right: [4, 3], cosine: 24 / 25 },
    { left: [1, 1], right: [1, 0], cosine: Math.SQRT1_2 },
  ])('cos($left, $right) = $cosine', ({ left, right, cosine }) => {
    expect(cosineSimilarity(left, right)).toBeCloseTo(cosine, 15);
  });

  it('does not assume unit vectors (the multilingual model is not normalised)', () => {
    expect(cosineSimilarity([10, 0], [0.5, 0.5])).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('is NaN for a zero vector, as numpy 0/0', () => {
    expect(cosineSimilarity([0, 0], [1, 0])).toBeNaN();
  });

  it('refuses vectors of different sizes', () => {
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/different sizes/);
  });
});

describe('semanticSimilarity (official sent_transformer)', () => {
  it.each([
    // expected values: the official code in numpy float32 (np.float32 embeddings, as sentence-transformers returns)
    { name: 'a string truth: the cosine, a float32', truths: [[4, 3]], score: 0.800000011920929 },
    { name: 'a negative cosine is clipped to 0', truths: [[-1, 0]], score: 0 },
    { name: 'orthogonal gives 0', truths: [[0, 1]], score: 0 },
    {
      name: 'a list truth: the mean of the cosines',
      truths: [
        [1, 0],
        [0, 1],
      ],
      score: 0.5,
    },
    {
      name: 'clipping comes after averaging: a negative cosine lowers the mean',
      truths: [
        [1, 0],
        [-1, 1],
      ],
      score: 0.1464466154575348,
    },
    {
      name: 'a negative mean is 0',
      truths: [
        [-1, 0],
        [0.5, 0.5],
      ],
      score: 0,
    },
    { name: 'a zero vector makes NaN, which the official `score > 0` turns into 0', truths: [[0, 0]], score: 0 },
    {
      name: 'a NaN among list cosines makes the mean NaN, hence 0',
      truths: [
        [1, 0],
        [0, 0],
      ],
      score: 0,
    },
    { name: 'an empty list truth: np.mean([]) is NaN, hence 0', truths: [], score: 0 },
  ])('$name', ({ truths, score }) => {
    expect(semanticSimilarity([1, 0], truths)).toBe(score);
  });
});

describe('embedAndScore', () => {
  const vectors: Record<string, number[]> = { g: [1, 0], same: [2, 0], opposite: [-1, 0], side: [0, 1], diagonal: [1, 1] };
  const calls: string[][] = [];
  const embedder: Embedder = {
    description: 'fake',
    embed: async (texts) => {
      calls.push([...texts]);
      return texts.map((text) => vectors[text] ?? [0, 0]);
    },
  };

  it('embeds each distinct text once in one call and scores every item', async () => {
    calls.length = 0;
    const scores = await embedAndScore(
      [
        { generation: 'g', truth: 'same' },
        { generation: 'g', truth: 'opposite' },
        { generation: 'g', truth: ['same', 'side'] },
        { generation: 'diagonal', truth: 'g' },
      ],
      embedder,
    );
    expect(calls).toEqual([['g', 'same', 'opposite', 'side', 'diagonal']]);
    expect(scores[0]).toBe(1);
    expect(scores[1]).toBe(0);
    expect(scores[2]).toBe(0.5);
    expect(scores[3]).toBe(0.7071067690849304); // numpy float32 cosine of [1, 1] and [1, 0]
  });

  it('makes no call for no items', async () => {
    calls.length = 0;
    await expect(embedAndScore([], embedder)).resolves.toEqual([]);
    expect(calls).toEqual([]);
  });

  it('fails loudly when the backend returns the wrong number of vectors', async () => {
    const broken: Embedder = { description: 'broken', embed: async () => [[1, 0]] };
    await expect(embedAndScore([{ generation: 'a', truth: 'b' }], broken)).rejects.toThrow(/broken returned 1 embeddings for 2 texts/);
  });
});
