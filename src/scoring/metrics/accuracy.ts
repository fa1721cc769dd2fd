import type { PyInt } from '../../dataset/row';

/** metrics.calculate_per_sample_accuracy: `prediction == truth`, a bool the task mean counts as 1 / 0. */
export function calculateAccuracy(prediction: PyInt, truth: number): number {
  return prediction === truth ? 1 : 0;
}
