import type { ItemRecord } from '../scoring/records';

export const ITEM_OUTCOMES = ['correct', 'partial', 'wrong', 'error', 'unscored'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

/** How a person would file an item: full marks, some credit, none, an error (API or scorer), or not scorable here. */
export function itemOutcome(item: ItemRecord): ItemOutcome {
  if (item.api_error !== undefined || item.error !== undefined) return 'error';
  if (item.unscored !== undefined) return 'unscored';
  if (typeof item.tp === 'number' && typeof item.fp === 'number' && typeof item.fn === 'number') {
    if (item.fp === 0 && item.fn === 0) return 'correct';
    return item.tp > 0 ? 'partial' : 'wrong';
  }
  if (typeof item.score !== 'number') return 'unscored';
  if (item.score >= 1) return 'correct';
  return item.score > 0 ? 'partial' : 'wrong';
}
