import type { RunSummary } from '../../scoring/records';

/** The skipped invalid rows and the rows whose truth type scores 0, as report warnings (every report format shows them). */
export function datasetWarnings(summary: Partial<Pick<RunSummary, 'dataset' | 'skipped_rows' | 'truth_warnings'>>): string[] {
  const warnings: string[] = [];
  const skipped = summary.dataset?.skipped_rows ?? 0;
  if (skipped > 0) {
    const listed = summary.skipped_rows ?? [];
    warnings.push(
      `${skipped} invalid dataset rows were skipped (--skip-invalid-rows)${listed.length < skipped ? `; the first ${listed.length} follow` : ''}`,
    );
    for (const row of listed) warnings.push(`skipped ${row.row}: ${row.reason}`);
  }
  const odd = summary.truth_warnings;
  if (odd !== undefined && odd.count > 0) {
    warnings.push(
      `${odd.count} rows have a truth of a type their metric's official code does not expect and score 0 (or raise) as it scores them${odd.rows.length < odd.count ? `; the first ${odd.rows.length} follow` : ''}`,
    );
    for (const row of odd.rows) warnings.push(`truth ${row.row}: ${row.reason}`);
  }
  return warnings;
}
