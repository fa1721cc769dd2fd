import { createHash } from 'node:crypto';
import type { RawRow } from './validate-row';

/**
 * The id of a row without an `id` field: `r-` + the first 16 hex digits of the SHA-256 of the JSON array
 * [input_field, output_field, task_type, metric, task_name or null, track or null]. It depends on the row's content only,
 * so it survives reordering and filtering; an exact duplicate row gets `#2`, `#3`, ... appended in file order.
 */
export function contentRowId(row: RawRow): string {
  const content = JSON.stringify([row.input_field, row.output_field, row.task_type, row.metric, row.task_name ?? null, row.track ?? null]);
  return `r-${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
}
