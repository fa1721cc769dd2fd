import { microF1 } from '../scoring/metrics/micro-f1';
import { numpyMean } from '../scoring/numpy-mean';

/** What one item adds to its task's score; `null` when it does not count (API error, scorer error, unscored). */
export type Contribution =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'counts'; readonly tp: number; readonly fp: number; readonly fn: number }
  | null;

/**
 * The task score over the items at `indices` (all items when omitted), rolled up as the scorer does (scoring/metrics:
 * numpy's mean of values, or the official micro-F1 of the summed counts). NaN when no selected item counts, so callers
 * can drop that resample.
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
  if (countItems > 0) return microF1([{ tp, fp, fn }]);
  return values.length > 0 ? numpyMean(values) : Number.NaN;
}

/** Mean of the finite numbers, NaN when there are none (a track or overall with nothing scored). */
export function meanOfFinite(numbers: readonly number[]): number {
  const finite = numbers.filter((value) => Number.isFinite(value));
  return finite.length > 0 ? numpyMean(finite) : Number.NaN;
}
