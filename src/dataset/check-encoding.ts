import { isUtf8 } from 'node:buffer';
import { DatasetError } from '../errors';

/**
 * Checks a file's bytes as they stream by: UTF-8 (a BOM is fine), or a DatasetError that names the encoding it looks
 * like (UTF-16 by its BOM or its NUL-byte pattern, UTF-32 likewise) or the line and offset of the first byte that is
 * not UTF-8, and how to convert. Costs one native validation pass; nothing is kept but a line count.
 */
export class EncodingCheck {
  /** The bytes of a character the last chunk cut short (0-3), checked with the next chunk. */
  private carry: Buffer = Buffer.alloc(0);
  private offset = 0;
  private lines = 1;

  constructor(private readonly file: string) {}

  /** The first bytes of the file, enough to see a BOM or a NUL pattern (call once, before push). */
  head(bytes: Buffer): void {
    const named = utf16Or32(bytes);
    if (named === undefined) return;
    throw new DatasetError(`${this.file} is encoded as ${named}, not UTF-8`, {
      hint: `Convert it, e.g. \`iconv -f ${named} -t UTF-8 ${this.file} > converted.jsonl\`.`,
    });
  }

  push(chunk: Buffer): void {
    // a native validation: decoding the bytes to check them cost as much as the record texts' own decode
    const cut = chunk.length - unfinishedTail(chunk);
    const body = this.carry.length === 0 ? chunk.subarray(0, cut) : Buffer.concat([this.carry, chunk.subarray(0, cut)]);
    if (!isUtf8(body)) {
      this.offset -= this.carry.length;
      throw this.notUtf8(body, firstInvalidUtf8(body));
    }
    this.carry = Buffer.from(chunk.subarray(cut));
    this.countLines(chunk);
  }

  /** The file ended: a multi-byte character cut short at the end is not UTF-8 either. */
  end(): void {
    if (this.carry.length > 0) throw this.notUtf8(Buffer.alloc(0), 0);
  }

  private countLines(chunk: Buffer): void {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) this.lines += 1;
    this.offset += chunk.length;
  }

  private notUtf8(chunk: Buffer, index: number): DatasetError {
    const before = chunk.subarray(0, index);
    this.countLines(before);
    return new DatasetError(
      `${this.file}:${this.lines}: byte 0x${(chunk[index] ?? 0).toString(16).padStart(2, '0')} at offset ${this.offset} is not UTF-8 (the file looks like Latin-1 or Windows-1252)`,
      {
        hint: `Convert it to UTF-8, e.g. \`iconv -f WINDOWS-1252 -t UTF-8 ${this.file} > converted.jsonl\`.`,
      },
    );
  }
}

/** How many bytes at the end start a character the chunk does not finish (the next chunk may). */
function unfinishedTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

function utf16Or32(bytes: Buffer): string | undefined {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'UTF-32LE';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32BE';
  if (a === 0xff && b === 0xfe) return 'UTF-16LE';
  if (a === 0xfe && b === 0xff) return 'UTF-16BE';
  // no BOM: JSON text starts with ASCII, so UTF-16 shows as NUL bytes at every other position
  const sample = bytes.subarray(0, Math.min(bytes.length, 512));
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < sample.length; index += 1) {
    if (sample[index] !== 0) continue;
    if (index % 2 === 0) evenNuls += 1;
    else oddNuls += 1;
  }
  const half = sample.length / 2;
  if (half >= 2 && oddNuls >= half * 0.6 && evenNuls === 0) return 'UTF-16LE';
  if (half >= 2 && evenNuls >= half * 0.6 && oddNuls === 0) return 'UTF-16BE';
  return undefined;
}

function firstInvalidUtf8(bytes: Buffer): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    const length =
      byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0) return index;
    for (let next = 1; next < length; next += 1) if (((bytes[index + next] ?? 0) & 0xc0) !== 0x80) return index;
    index += length;
  }
  return index;
}
