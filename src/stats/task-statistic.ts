import { mean } from './mathjs';

/** What one item adds to its task's score; `null` when it does not count (API error, scorer error, unscored). */
export type Contribution =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'counts'; readonly tp: number; readonly fp: number; readonly fn: number }
  | null;

/** F1 of summed counts; 0 when a denominator or P+R is 0 (the official micro-F1 convention). */
export function microF1(tp: number, fp: number, fn: number): number {
  if (tp + fp === 0 || tp + fn === 0) return 0;
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * The task score over the items at `indices` (all items when omitted): the mean of values, or micro-F1
 * of the summed counts. NaN when no selected item counts, so callers can drop that resample.
 */
export function taskStatistic(contributions: readonly Contribution[], indices?: readonly number[]): number {
  const values: number[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let countItems = 0;
  const count = indices ? indices.length : contributions.length;
  for (let position = 0; position < count; position += 1) {
    const contribution = contributions[indices ? (indices[position] ?? 0) : position];
    if (!contribution) continue;
    if (contribution.kind === 'value') {
      values.push(contribution.value);
    } else {
      tp += contribution.tp;
      fp += contribution.fp;
      fn += contribution.fn;
      countItems += 1;
    }
  }
  if (countItems > 0) return microF1(tp, fp, fn);
  return values.length > 0 ? Number(mean(values)) : Number.NaN;
}

/** Mean of the finite numbers, NaN when there are none (a track or overall with nothing scored). */
export function meanOfFinite(numbers: readonly number[]): number {
  const finite = numbers.filter((value) => Number.isFinite(value));
  return finite.length > 0 ? Number(mean(finite)) : Number.NaN;
}
