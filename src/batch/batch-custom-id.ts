import { createHash } from 'node:crypto';

/**
 * A request's key: the row id, then `~` and the first 12 hex digits of the SHA-256 of the request body. Ingest finds
 * an answer by it from the request run rebuilds, so it answers exactly the request that was exported.
 */
export function batchRequestKey(rowId: string, body: unknown): string {
  return `${rowId}~${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12)}`;
}

/**
 * A batch line's `custom_id`: the request key, with `~r` and the repeat index before the hash when the run asks each
 * row --repeats times (`row~r2~0123456789ab`). A results file from an export with another model, prompt or setting
 * carries other ids, so ingest refuses it by line.
 */
export function batchCustomId(rowId: string, body: unknown, repeat?: number): string {
  const key = batchRequestKey(rowId, body);
  if (repeat === undefined) return key;
  const cut = key.lastIndexOf('~');
  return `${key.slice(0, cut)}~r${repeat}${key.slice(cut)}`;
}

/** The request key and repeat of a custom_id this export wrote (`repeated`: it has --repeats); undefined for another one. */
export function parseBatchCustomId(
  customId: string,
  repeated: boolean,
): { readonly rowId: string; readonly repeat?: number; readonly key: string } | undefined {
  const match = (repeated ? /^(.*)~r(\d+)(~[0-9a-f]{12})$/s : /^(.*)()(~[0-9a-f]{12})$/s).exec(customId);
  if (match === null) return undefined;
  const [, rowId = '', repeat = '', hash = ''] = match;
  return { rowId, key: rowId + hash, ...(repeated ? { repeat: Number(repeat) } : {}) };
}
