import { numpyMean } from '../numpy-mean';

/** dot(a, b) / (|a| * |b|); NaN when either vector has norm 0 (numpy divides 0 by 0). */
export function cosineSimilarity(left: readonly number[], right: readonly number[]): number {
  if (left.length !== right.length) {
    throw new Error(`cannot compare embeddings of different sizes (${left.length} and ${right.length})`);
  }
  let dot = 0;
  let leftSquares = 0;
  let rightSquares = 0;
  for (let index = 0; index < left.length; index += 1) {
    const a = left[index] ?? 0;
    const b = right[index] ?? 0;
    dot += a * b;
    leftSquares += a * a;
    rightSquares += b * b;
  }
  return dot / (Math.sqrt(leftSquares) * Math.sqrt(rightSquares));
}

/**
 * The official `sent-transformer` / `multilingual-sent-transformer` per-sample score (metrics.py `sent_transformer`):
 * the cosine of the generation's and the truth's embeddings; for a list truth the mean of the per-truth cosines;
 * the result kept only when > 0, otherwise 0.
 */
export function semanticSimilarity(generation: readonly number[], truths: readonly (readonly number[])[]): number {
  // official: sentence-transformers returns float32 arrays, so each cosine and their np.mean are float32 values
  const cosines = truths.map((truth) => Math.fround(cosineSimilarity(generation, truth)));
  // official: np.mean of an empty list is NaN
  const mean = truths.length === 0 ? NaN : Math.fround(numpyMean(cosines));
  // official quirk: `if score > 0: return score else: return 0` clips negatives AFTER averaging, and NaN (a zero vector) gives 0
  return mean > 0 ? mean : 0;
}
