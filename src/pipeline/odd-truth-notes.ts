import type { ShopBenchRow } from '../dataset/row';
import { formatLocation } from '../errors';
import type { RowNote } from '../scoring/records';
import type { ScoredItem } from '../scoring/types';

/** Rows listed one by one in summary.json's truth_warnings; the rest are counted. */
const LISTED = 50;

/** The rows whose truth type made the official code score 0 or raise, as `file:line` and why. */
export function oddTruthNotes(rows: readonly ShopBenchRow[], scored: ReadonlyMap<string, ScoredItem | null>): { count: number; rows: RowNote[] } {
  const notes: RowNote[] = [];
  let count = 0;
  for (const row of rows) {
    const note = scored.get(row.id)?.truthNote;
    if (note === undefined) continue;
    count += 1;
    if (notes.length < LISTED) notes.push({ row: formatLocation(row.source), reason: note });
  }
  return { count, rows: notes };
}

/** One warning that lists the rows (the first 10) and says why they score 0. */
export function describeTruthNotes(notes: { count: number; rows: readonly RowNote[] }, shown = 10): string | undefined {
  if (notes.count === 0) return undefined;
  const lines = notes.rows.slice(0, shown).map((note) => `  ${note.row}: ${note.reason}`);
  const more = notes.count - lines.length;
  return [
    `warning: ${notes.count} rows have a truth of a type their metric's official code does not expect, so it scores them 0 (or raises), as shopeval does (summary.json lists them under truth_warnings):`,
    ...lines,
    ...(more > 0 ? [`  ... and ${more} more`] : []),
  ].join('\n');
}
