import type { RowNote } from '../scoring/records';

/** One warning that lists the rows (the first 10) and says why they score 0. */
export function describeTruthNotes(notes: { count: number; rows: readonly RowNote[] }, shown = 10): string | undefined {
  if (notes.count === 0) return undefined;
  const lines = notes.rows.slice(0, shown).map((note) => `  ${note.row}: ${note.reason}`);
  const more = notes.count - lines.length;
  return [
    `${notes.count} rows have a truth of a type their metric's official code does not expect, so it scores them 0 (or raises), as shopeval does (summary.json lists them under truth_warnings):`,
    ...lines,
    ...(more > 0 ? [`  ... and ${more} more`] : []),
  ].join('\n');
}
