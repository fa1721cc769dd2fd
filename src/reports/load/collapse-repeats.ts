import type { ItemRecord } from '../../scoring/records';

/**
 * One record per row of a run made with --repeats: its score is the mean over the repeats with a usable result (an
 * API error, scorer error or unscored repeat is left out; micro f1 counts are averaged too), the text fields are
 * repeat 0's. Reports and compare work on rows, so compare's paired bootstrap resamples rows and averages each row's
 * repeats. Records without `repeat` pass through untouched.
 */
export function collapseRepeats(items: readonly ItemRecord[]): ItemRecord[] {
  if (!items.some((item) => item.repeat !== undefined)) return [...items];
  const rows = new Map<string, ItemRecord[]>();
  for (const item of items) {
    const group = rows.get(item.id);
    if (group === undefined) rows.set(item.id, [item]);
    else group.push(item);
  }
  return [...rows.values()].map(meanOfRepeats);
}

function usable(item: ItemRecord): boolean {
  return item.api_error === undefined && item.error === undefined && item.unscored === undefined;
}

function meanOfRepeats(repeats: readonly ItemRecord[]): ItemRecord {
  const sorted = [...repeats].sort((left, right) => (left.repeat ?? 0) - (right.repeat ?? 0));
  const first = sorted[0] as ItemRecord;
  const counted = sorted.filter(usable);
  const { repeat: _repeat, api_error: _apiError, error: _error, unscored: _unscored, tp: _tp, fp: _fp, fn: _fn, ...rest } = first;
  if (counted.length === 0) {
    const { repeat: _unused, ...withoutRepeat } = first;
    return withoutRepeat;
  }
  const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  const counts = counted.every((item) => typeof item.tp === 'number' && typeof item.fp === 'number' && typeof item.fn === 'number');
  if (counts)
    return {
      ...rest,
      score: null,
      tp: mean(counted.map((item) => item.tp ?? 0)),
      fp: mean(counted.map((item) => item.fp ?? 0)),
      fn: mean(counted.map((item) => item.fn ?? 0)),
    };
  const scores = counted.map((item) => item.score).filter((score): score is number => typeof score === 'number');
  return { ...rest, score: scores.length === 0 ? null : mean(scores) };
}
