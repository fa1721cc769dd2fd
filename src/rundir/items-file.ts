import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { RunDirectoryError } from '../errors';
import itemSchema from '../schemas/items-line.schema.json';
import type { ItemRecord } from '../scoring/records';
import { ITEMS_FILE } from './publish-results';
import { checkRunFile, runFileValidator } from './validate-run-file';

const validateItem = runFileValidator<ItemRecord>(itemSchema);
const WHAT_TO_DO = 'score or run again with the same --out to write it anew';
const CHUNK_BYTES = 1 << 20;

/** The lines of a file, read a chunk at a time (an items.jsonl of a million rows is never one string). */
function* readLines(file: string): Generator<string> {
  let descriptor: number;
  try {
    descriptor = openSync(file, 'r');
  } catch (cause) {
    throw new RunDirectoryError(`${file}: missing, pass a directory written by \`shopeval run\` or \`shopeval score --out\``, { cause });
  }
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const decoder = new TextDecoder('utf-8');
    let pending = '';
    for (let read = readSync(descriptor, buffer); read > 0; read = readSync(descriptor, buffer)) {
      const lines = (pending + decoder.decode(buffer.subarray(0, read), { stream: true })).split('\n');
      pending = lines.pop() ?? '';
      yield* lines;
    }
    const last = pending + decoder.decode();
    if (last !== '') yield last;
  } finally {
    closeSync(descriptor);
  }
}

/** Each line of a run directory's items.jsonl, validated against src/schemas/items-line.schema.json; errors name file:line and field. */
export function* readRunItems(directory: string): Generator<ItemRecord> {
  const file = join(directory, ITEMS_FILE);
  const seen = new Set<string>();
  let lineNumber = 0;
  for (const line of readLines(file)) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const where = `${file}:${lineNumber}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      throw new RunDirectoryError(`${where}: (top level): not valid JSON (${(cause as Error).message}), ${WHAT_TO_DO}`, { cause });
    }
    const item = checkRunFile(validateItem(), value, where, WHAT_TO_DO);
    // items are identified by (id, repeat) in a run made with --repeats
    const key = item.repeat === undefined ? item.id : `${item.id}\u0000${item.repeat}`;
    if (seen.has(key))
      throw new RunDirectoryError(
        `${where}: id: "${item.id}"${item.repeat === undefined ? '' : ` (repeat ${item.repeat})`} is used twice, ${WHAT_TO_DO}`,
      );
    seen.add(key);
    yield item;
  }
}
