import { createReadStream } from 'node:fs';

/**
 * How many times `pattern` occurs in a file's bytes, in one native-search pass with no parsing: counting a key such
 * as `"input_field"` sizes a per-record index up front (a JSON string never holds an unescaped quote, so only keys and
 * rare whole-string values match), whatever the container or formatting. An estimate: callers must cope with more.
 */
export async function countOccurrences(path: string, pattern: string): Promise<number> {
  const needle = Buffer.from(pattern, 'utf8');
  let count = 0;
  let carry: Buffer = Buffer.alloc(0);
  for await (const data of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const chunk = carry.length === 0 ? (data as Buffer) : Buffer.concat([carry, data as Buffer]);
    let at = chunk.indexOf(needle);
    let end = 0;
    while (at !== -1) {
      count += 1;
      end = at + needle.length;
      at = chunk.indexOf(needle, end);
    }
    // the last bytes may start a match the next chunk completes (never re-count one already found)
    carry = chunk.subarray(Math.max(end, chunk.length - needle.length + 1));
  }
  return count;
}
