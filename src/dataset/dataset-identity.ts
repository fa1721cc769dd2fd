import { formatLocation } from '../errors';
import type { DatasetIdentity, RowNote } from '../scoring/records';
import type { DatasetScan } from './load-dataset';

/** The dataset's identity as summary.json and manifest.json record it (content hash, each file's byte hash, skips). */
export function datasetIdentity(dataset: DatasetScan, rows: number): DatasetIdentity {
  return {
    path: dataset.path,
    sha256: dataset.sha256,
    rows,
    files: dataset.files,
    ...(dataset.skipped.count > 0 ? { skipped_rows: dataset.skipped.count } : {}),
  };
}

/** The skipped rows as `file:line` and reason. */
export function skippedRowNotes(dataset: DatasetScan): RowNote[] {
  return dataset.skipped.rows.map((row) => ({ row: formatLocation(row.location), reason: row.reason }));
}

/** One line for the terminal: how many rows were skipped, and the first few. */
export function describeSkippedRows(dataset: DatasetScan, shown = 10): string | undefined {
  if (dataset.skipped.count === 0) return undefined;
  const notes = skippedRowNotes(dataset)
    .slice(0, shown)
    .map((note) => `  ${note.row}: ${note.reason}`);
  const more = dataset.skipped.count - notes.length;
  return [
    `${dataset.skipped.count} invalid rows were skipped (--skip-invalid-rows) and are listed in summary.json:`,
    ...notes,
    ...(more > 0 ? [`  ... and ${more} more`] : []),
  ].join('\n');
}
