import type { ItemRecord } from '../../scoring/records';

/** How a person files an item; the ids are the filter values of the HTML item table and the keys of outcome counts. */
export const ITEM_OUTCOMES = ['right', 'partly-right', 'wrong', 'unparseable', 'api-error', 'unscored'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

/** What each outcome is called on a page. */
export const OUTCOME_LABELS: Readonly<Record<ItemOutcome, string>> = {
  right: 'right',
  'partly-right': 'partly right',
  wrong: 'wrong',
  unparseable: 'unparseable',
  'api-error': 'API error',
  unscored: 'unscored',
};

/**
 * Full marks, some credit, none, no answer the official parser could read (and no credit), a request that failed
 * for good, or not scorable here (the metric cannot be computed, or the profile's scorer raised on the item).
 */
export function itemOutcome(item: ItemRecord): ItemOutcome {
  if (item.api_error !== undefined) return 'api-error';
  if (item.error !== undefined || item.unscored !== undefined) return 'unscored';
  const credit = itemCredit(item);
  if (credit === null) return 'unscored';
  if (credit === 'full') return 'right';
  if (credit === 'some') return 'partly-right';
  // an unparseable answer that still earned credit (an empty extraction of an empty truth) is filed by its credit
  return item.unparseable ? 'unparseable' : 'wrong';
}

function itemCredit(item: ItemRecord): 'full' | 'some' | 'none' | null {
  if (typeof item.tp === 'number' && typeof item.fp === 'number' && typeof item.fn === 'number') {
    if (item.fp === 0 && item.fn === 0) return 'full';
    return item.tp > 0 ? 'some' : 'none';
  }
  if (typeof item.score !== 'number') return null;
  if (item.score >= 1) return 'full';
  return item.score > 0 ? 'some' : 'none';
}

/** Items of each outcome, every outcome present (zeros included). */
export function countOutcomes(items: Iterable<ItemRecord>): Record<ItemOutcome, number> {
  const counts = Object.fromEntries(ITEM_OUTCOMES.map((outcome) => [outcome, 0])) as Record<ItemOutcome, number>;
  for (const item of items) counts[itemOutcome(item)] += 1;
  return counts;
}
