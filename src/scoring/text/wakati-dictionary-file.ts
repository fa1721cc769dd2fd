/**
 * The compact dictionary's file: a magic line, a JSON header listing each typed array's offset, then the arrays
 * (8-byte aligned, little-endian as on every platform Node runs on), so loading is one read and no parsing.
 */
import type { WakatiTables } from './wakati-tables';

const MAGIC = 'shopeval-wakati-1\n';
const ALIGNMENT = 8;

const ARRAY_TYPES = { Int32Array, Int16Array, Uint32Array, Uint8Array } as const;
type ArrayTypeName = keyof typeof ARRAY_TYPES;
type TableName = keyof WakatiTables;

interface SectionHeader {
  readonly name: TableName;
  readonly type: ArrayTypeName;
  readonly offset: number;
  readonly length: number;
}

interface FileHeader {
  readonly source: string;
  readonly sections: readonly SectionHeader[];
}

const TABLE_NAMES: readonly TableName[] = [
  'base',
  'check',
  'entryStart',
  'entries',
  'unknownStart',
  'unknownEntries',
  'costs',
  'categoryMasks',
  'defaultCategories',
  'invoke',
  'group',
  'length',
];

function aligned(offset: number): number {
  return Math.ceil(offset / ALIGNMENT) * ALIGNMENT;
}

/** The file's bytes; `source` names what it was built from (a checksum), checked by the reader's caller. */
export function encodeWakatiFile(tables: WakatiTables, source: string): Buffer {
  const sections: SectionHeader[] = [];
  let offset = 0;
  for (const name of TABLE_NAMES) {
    const array = tables[name];
    sections.push({ name, type: array.constructor.name as ArrayTypeName, offset, length: array.length });
    offset = aligned(offset + array.byteLength);
  }
  const headerText = Buffer.from(JSON.stringify({ source, sections } satisfies FileHeader));
  const prefix = Buffer.alloc(aligned(MAGIC.length + 4 + headerText.length));
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(headerText.length, MAGIC.length);
  headerText.copy(prefix, MAGIC.length + 4);
  const body = Buffer.alloc(offset);
  for (const [index, name] of TABLE_NAMES.entries()) {
    const array = tables[name];
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(body, sections[index]?.offset ?? 0);
  }
  return Buffer.concat([prefix, body]);
}

/** The tables and their recorded source, or an error naming what is wrong with the file. */
export function decodeWakatiFile(bytes: Buffer): { readonly tables: WakatiTables; readonly source: string } {
  if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a shopeval wakati dictionary (bad magic)');
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as FileHeader;
  const bodyStart = aligned(MAGIC.length + 4 + headerLength);
  // a typed array view needs its element alignment in the underlying ArrayBuffer: copy once if the read is unaligned
  const body = (bytes.byteOffset + bodyStart) % ALIGNMENT === 0 ? bytes.subarray(bodyStart) : Buffer.from(bytes.subarray(bodyStart));
  const tables: Partial<Record<TableName, WakatiTables[TableName]>> = {};
  for (const section of header.sections) {
    const Type = ARRAY_TYPES[section.type];
    if (Type === undefined || !TABLE_NAMES.includes(section.name)) throw new Error(`unknown section ${section.name} (${section.type})`);
    if (section.offset + section.length * Type.BYTES_PER_ELEMENT > body.length)
      throw new Error(`section ${section.name} runs past the end of the file`);
    tables[section.name] = new Type(body.buffer as ArrayBuffer, body.byteOffset + section.offset, section.length);
  }
  const missing = TABLE_NAMES.filter((name) => tables[name] === undefined);
  if (missing.length > 0) throw new Error(`missing sections: ${missing.join(', ')}`);
  return { tables: tables as WakatiTables, source: header.source };
}
