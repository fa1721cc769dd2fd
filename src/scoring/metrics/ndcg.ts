import type { PyInt } from '../../dataset/row';

/** metrics.calculate_ndcg with its quirks; the caller's truth is not mutated (the original sorts it in place). */
export function calculateNdcg(predicted: readonly PyInt[], truth: readonly number[]): number {
  const trimmed = predicted.slice(0, truth.length);
  let dcg = 0;
  trimmed.forEach((candidate, position) => {
    dcg += gain(relevanceOf(candidate, truth)) / Math.log2(position + 2);
  });
  let idcg = 0;
  [...truth].sort((a, b) => b - a).forEach((weight, position) => {
    idcg += gain(weight) / Math.log2(position + 2);
  });
  // official: `if idcg == 0: return 0` (the int zero) for an all-zero truth
  if (idcg === 0) return 0;
  return dcg / idcg;
}

/** `(np.power(2, rel) - 1)`: V8's Math.pow agrees with numpy's non-SIMD loop for the weights that occur (parity README N2). */
function gain(relevance: number): number {
  return Math.pow(2, relevance) - 1;
}

/** `truth[index - 1] if index - 1 < len(truth) else 0`, with Python negative indexing (index 0 reads truth[-1]). */
function relevanceOf(candidate: PyInt, truth: readonly number[]): number {
  const index = Number(candidate) - 1;
  if (index >= truth.length) return 0;
  const pythonIndex = index < 0 ? truth.length + index : index;
  return truth[pythonIndex] ?? 0;
}
