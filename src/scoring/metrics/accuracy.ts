import type { PyInt, Truth } from '../../dataset/row';
import { accuracyWhy, pyIntEquals, pythonStr } from '../odd-truth';
import { mmluAccuracy, mmluResultScore } from '../profiles/shoppingmmlu-metrics';
import { defineMetric } from './metric-unit';

/** metrics.calculate_per_sample_accuracy: `prediction == truth`, a bool the task mean counts as 1 / 0. */
export function calculateAccuracy(prediction: PyInt, truth: number): number {
  return prediction === truth ? 1 : 0;
}

export const accuracy = defineMetric({
  name: 'accuracy',
  description: 'Exact match of the chosen option number (official: a bool, averaged).',
  taskType: 'multiple-choice',
  aggregation: 'mean',
  isExpectedTruth: (truth: Truth): truth is number => typeof truth === 'number' && Number.isInteger(truth),
  kddcup2024: {
    score: (parsed, truth) => ({ kind: 'value', value: calculateAccuracy(parsed, truth) }),
    oddTruth(parsed, truth) {
      // calculate_per_sample_accuracy: `prediction == truth` (int vs str is False; True == 1)
      if (pyIntEquals(parsed, truth)) return { score: { kind: 'value', value: 1 } };
      return { score: { kind: 'value', value: 0 }, why: accuracyWhy(String(parsed), truth) };
    },
  },
  shoppingmmlu: {
    score: (output, truth) => mmluResultScore(mmluAccuracy(output, truth)),
    oddTruth(output, truth) {
      // skill_evaluation.py passes str(truth): a truth "3" scores exactly as the int 3 does
      const target = pythonStr(truth);
      const result = mmluAccuracy(output, target);
      if (result.kind === 'value' && result.value === 0 && Array.from(target).length !== 1) {
        return { score: result, why: `str(truth) is ${JSON.stringify(target)}, which no single character equals` };
      }
      return { score: mmluResultScore(result) };
    },
  },
});
