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

/** What every question id starts with (a predictions file holding none needs no question ids derived). */
export const QUESTION_ID_PREFIX = 'q-';

/**
 * The id of a test-set row without an `id` field: `q-` + the first 16 hex digits of the SHA-256 of its input_field
 * (JSON-encoded), `#2`, `#3`, ... for repeats in file order. It needs the prompt only, so the labelled form of the same
 * rows derives it too: `shopeval score` matches a prediction by it when the row's own id has none (see question-ids.ts).
 */
export function questionRowId(input: string): string {
  return `${QUESTION_ID_PREFIX}${createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 16)}`;
}
