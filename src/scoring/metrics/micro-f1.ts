import { pyLower, pyStrip } from '../text/python-string';

export interface EntityCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/**
 * metrics.calculate_true_positive_false_positives_false_negatives: predictions `lower().strip()`, truths `lower()` only
 * (official asymmetry); tp counts distinct matches, duplicates in the prediction are false positives.
 */
export function countEntityMatches(extracted: readonly string[], truth: readonly string[]): EntityCounts {
  const predicted = extracted.map((entity) => pyStrip(pyLower(entity)));
  const expected = truth.map((entity) => pyLower(entity));
  const predictedSet = new Set(predicted);
  const tp = new Set(expected.filter((entity) => predictedSet.has(entity))).size;
  return { tp, fp: predicted.length - tp, fn: expected.length - tp };
}

/** metrics.calculate_f1_score over summed counts, with its zero guards (0 when precision + recall is 0). */
export function microF1(counts: readonly EntityCounts[]): number {
  const total = sumCounts(counts);
  const precision = total.tp + total.fp > 0 ? total.tp / (total.tp + total.fp) : 0;
  const recall = total.tp + total.fn > 0 ? total.tp / (total.tp + total.fn) : 0;
  if (precision + recall === 0) return 0;
  return (2 * precision * recall) / (precision + recall);
}

export function sumCounts(counts: readonly EntityCounts[]): EntityCounts {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const count of counts) {
    tp += count.tp;
    fp += count.fp;
    fn += count.fn;
  }
  return { tp, fp, fn };
}
