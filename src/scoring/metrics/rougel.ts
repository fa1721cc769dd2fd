import { pyTypeName, raises, type OddTruthScore } from '../odd-truth';
import type { Truth } from '../../dataset/row';
import { rougeTokenize } from '../text/rouge-tokenizer';
import { defineMetric, isTextTruth } from './metric-unit';

/** Length of the longest common subsequence: O(n*m) time, one row of O(min(n, m)) memory. */
export function longestCommonSubsequenceLength(first: readonly string[], second: readonly string[]): number {
  const [rows, columns] = first.length >= second.length ? [first, second] : [second, first];
  const previousRow = new Int32Array(columns.length + 1);
  for (const rowToken of rows) {
    let diagonal = 0; // previousRow[column - 1] before it was overwritten in this row
    for (let column = 1; column <= columns.length; column++) {
      const above = previousRow[column] ?? 0;
      const left = previousRow[column - 1] ?? 0;
      previousRow[column] = rowToken === columns[column - 1] ? diagonal + 1 : Math.max(above, left);
      diagonal = above;
    }
  }
  return previousRow[columns.length] ?? 0;
}

/**
 * Official `calculate_rougel(generation, truth)` = rouge_score 0.1.2
 * `RougeScorer(['rougeL'], use_stemmer=True).score(generation, truth)['rougeL'].fmeasure`.
 * ShoppingMMLU's `rougel` is the same call on the raw output (no parser, no truncation, no strip).
 */
export function rougeLFMeasure(generation: string, truth: string): number {
  // score(target, prediction) is called as score(generation, truth): the truth is the "prediction"
  const targetTokens = rougeTokenize(generation);
  const predictionTokens = rougeTokenize(truth);
  // rouge_score returns the int 0 when either side has no tokens
  if (targetTokens.length === 0 || predictionTokens.length === 0) return 0;
  const lcsLength = longestCommonSubsequenceLength(targetTokens, predictionTokens);
  const precision = lcsLength / predictionTokens.length;
  const recall = lcsLength / targetTokens.length;
  // scoring.fmeasure, same operation order: (2 * p) * r / (p + r); 0.0 when lcs is 0
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

export const rougeL = defineMetric({
  name: 'rougel',
  description: 'ROUGE-L F-measure (rouge_score tokenizer, NLTK Porter stemmer).',
  taskType: 'generation',
  aggregation: 'mean',
  isExpectedTruth: isTextTruth,
  kddcup2024: {
    score: (parsed, truth) => ({ kind: 'value', value: rougeLFMeasure(parsed, truth) }),
    oddTruth: (_parsed, truth) => oddTruth(truth),
  },
  shoppingmmlu: {
    score: (output, truth) => ({ kind: 'value', value: rougeLFMeasure(output, truth) }),
    oddTruth: (_output, truth) => oddTruth(truth),
  },
});

/** rouge_score lower-cases the truth first: a non-str truth raises there. */
function oddTruth(truth: Truth): OddTruthScore {
  return raises('AttributeError', `'${pyTypeName(truth)}' object has no attribute 'lower' (rouge_score tokenizes the truth)`);
}
