import { createHash } from 'node:crypto';

/**
 * A batch line's `custom_id`: the row id, then `~` and the first 12 hex digits of the SHA-256 of the request body. A
 * results file from an export with another model, prompt or setting carries other ids, so ingest refuses it by line.
 */
export function batchCustomId(rowId: string, body: unknown): string {
  return `${rowId}~${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12)}`;
}
