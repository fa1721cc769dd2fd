import type { ItemRecord } from '../../scoring/records';

/** Why an item has no usable result in a run. */
export type UnusableReason = 'api_errors' | 'scorer_errors' | 'unscored';

/** Per side, how many items lacked a usable result, and the total of items dropped from both sides. */
export interface DroppedItems {
  /** Items left out of both sides because at least one run has no usable result for them. */
  readonly total: number;
  readonly api_errors: { readonly baseline: number; readonly candidate: number };
  readonly scorer_errors: { readonly baseline: number; readonly candidate: number };
  readonly unscored: { readonly baseline: number; readonly candidate: number };
}

export const NO_DROPPED_ITEMS: DroppedItems = {
  total: 0,
  api_errors: { baseline: 0, candidate: 0 },
  scorer_errors: { baseline: 0, candidate: 0 },
  unscored: { baseline: 0, candidate: 0 },
};

/** Why the item does not count in its task score, or null when it does. */
export function unusableReason(item: ItemRecord): UnusableReason | null {
  if (item.api_error !== undefined) return 'api_errors';
  if (item.error !== undefined) return 'scorer_errors';
  return item.unscored !== undefined ? 'unscored' : null;
}

/** Adds one paired item to the tally; an item unusable on both sides counts once in `total` and once per side. */
export function tallyDropped(tally: DroppedItems, baseline: UnusableReason | null, candidate: UnusableReason | null): DroppedItems {
  if (baseline === null && candidate === null) return tally;
  const bump = (reason: UnusableReason): { baseline: number; candidate: number } => ({
    baseline: tally[reason].baseline + (baseline === reason ? 1 : 0),
    candidate: tally[reason].candidate + (candidate === reason ? 1 : 0),
  });
  return { total: tally.total + 1, api_errors: bump('api_errors'), scorer_errors: bump('scorer_errors'), unscored: bump('unscored') };
}

export function sumDropped(tallies: readonly DroppedItems[]): DroppedItems {
  return tallies.reduce(
    (sum, tally) => ({
      total: sum.total + tally.total,
      api_errors: {
        baseline: sum.api_errors.baseline + tally.api_errors.baseline,
        candidate: sum.api_errors.candidate + tally.api_errors.candidate,
      },
      scorer_errors: {
        baseline: sum.scorer_errors.baseline + tally.scorer_errors.baseline,
        candidate: sum.scorer_errors.candidate + tally.scorer_errors.candidate,
      },
      unscored: { baseline: sum.unscored.baseline + tally.unscored.baseline, candidate: sum.unscored.candidate + tally.unscored.candidate },
    }),
    NO_DROPPED_ITEMS,
  );
}

/** "12 items (API errors: 0 in the baseline, 12 in the candidate; unscored: ...)", naming only the non-zero reasons. */
export function describeDropped(dropped: DroppedItems): string {
  const labels: Record<UnusableReason, string> = { api_errors: 'API errors', scorer_errors: 'scorer errors', unscored: 'unscored' };
  const reasons = (Object.keys(labels) as UnusableReason[])
    .filter((reason) => dropped[reason].baseline + dropped[reason].candidate > 0)
    .map((reason) => `${labels[reason]}: ${dropped[reason].baseline} in the baseline, ${dropped[reason].candidate} in the candidate`);
  return `${dropped.total} item${dropped.total === 1 ? '' : 's'} (${reasons.join('; ')})`;
}
