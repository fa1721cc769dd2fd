import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadKuromojiInternals } from './kuromoji-dictionary';
import { decodeWakatiFile, encodeWakatiFile } from './wakati-dictionary-file';
import { wakatiTablesFromKuromoji, type WakatiTables } from './wakati-tables';

/** The kuromoji files the compact tables are made from (the part-of-speech files are not needed for surfaces). */
const SOURCE_FILES = [
  'base.dat.gz',
  'check.dat.gz',
  'cc.dat.gz',
  'tid.dat.gz',
  'tid_map.dat.gz',
  'unk.dat.gz',
  'unk_char.dat.gz',
  'unk_compat.dat.gz',
  'unk_invoke.dat.gz',
  'unk_map.dat.gz',
];
/** Bump when the tables or the file layout change, so old cache files are rebuilt. */
const FORMAT_VERSION = 'wakati-1';

/** SHA-256 of the source files (and the format version): the cache key and the check written into the file. */
export function wakatiSourceChecksum(dicPath: string): string {
  const hash = createHash('sha256').update(FORMAT_VERSION);
  for (const name of SOURCE_FILES) hash.update(name).update(readFileSync(join(dicPath, name)));
  return hash.digest('hex');
}

/** The source files' sizes and modification times: while they hold, the recorded checksum is reused (hashing ~12 MB costs ~50 ms). */
function sourceStamp(dicPath: string): string {
  return JSON.stringify([
    dicPath,
    ...SOURCE_FILES.map((name) => {
      const stat = statSync(join(dicPath, name));
      return [name, stat.size, stat.mtimeMs];
    }),
  ]);
}

/** The checksum recorded for this exact stamp, or a fresh one (then recorded; a failed write only costs a rehash). */
function stampedChecksum(dicPath: string, stampFile: string): string {
  const stamp = sourceStamp(dicPath);
  try {
    const recorded = JSON.parse(readFileSync(stampFile, 'utf8')) as { stamp?: unknown; checksum?: unknown };
    if (recorded.stamp === stamp && typeof recorded.checksum === 'string') return recorded.checksum;
  } catch {
    // no record yet, or a torn one: hash below
  }
  const checksum = wakatiSourceChecksum(dicPath);
  writeAtomically(stampFile, Buffer.from(JSON.stringify({ stamp, checksum })));
  return checksum;
}

function writeAtomically(file: string, bytes: Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    // write then rename, so a concurrent reader never sees half a file
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  } catch {
    // an unwritable cache only costs the next run the work again
  }
}

function readCached(file: string, checksum: string): WakatiTables | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    const decoded = decodeWakatiFile(bytes);
    return decoded.source === checksum ? decoded.tables : undefined;
  } catch {
    return undefined; // a torn or foreign file: rebuilt below
  }
}

/**
 * The compact tables for the kuromoji dictionary at `dicPath`: read from `cacheDirectory` (one read, ~20 MiB), or
 * built from kuromoji once (about 1.5 s) and written there, keyed by the checksum of its source files.
 */
export async function loadWakatiTables(dicPath: string, cacheDirectory: string): Promise<WakatiTables> {
  const directory = join(cacheDirectory, 'japanese');
  const stampFile = join(directory, `sources-${createHash('sha256').update(dicPath).digest('hex').slice(0, 16)}.json`);
  const checksum = stampedChecksum(dicPath, stampFile);
  const file = join(directory, `ipadic-wakati-${checksum.slice(0, 16)}.bin`);
  const cached = readCached(file, checksum);
  if (cached !== undefined) return cached;
  const tables = wakatiTablesFromKuromoji(await loadKuromojiInternals(dicPath));
  writeAtomically(file, encodeWakatiFile(tables, checksum));
  return tables;
}
