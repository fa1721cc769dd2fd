import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { redactSecrets } from '../providers/redact-secrets';
import { processAlive } from './process-alive';

// `.<name>.<pid>-<random>.shopeval-tmp`, and the `<name>.<pid>.tmp` older versions left
const TEMPORARY_NAME = /^\..+\.(\d+)-[0-9a-f]+\.shopeval-tmp$/;
const LEGACY_TEMPORARY_NAME = /^(?:items\.jsonl|summary\.json|manifest\.json|fingerprints\.json)\.(\d+)\.tmp$/;
/** Texts up to this many UTF-16 units are encoded in the writer's reused buffer (items batches are about 1 Mi). */
const MAX_SCRATCH_UNITS = 1 << 22;

/**
 * A file written in full before it appears: the text goes to a temporary file in the same directory, is flushed to
 * disk, and is renamed over the target, so a reader (or a crash) sees the old file or the new one, never half.
 * Every chunk is redacted on its way out. Streamed writers call write() as results are computed, then commit().
 */
export class AtomicFileWriter {
  readonly path: string;
  readonly temporaryPath: string;
  private descriptor: number | undefined;
  private readonly hash: Hash = createHash('sha256');
  private scratch: Buffer = Buffer.alloc(0);

  private constructor(path: string) {
    this.path = path;
    this.temporaryPath = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.shopeval-tmp`);
    this.descriptor = openSync(this.temporaryPath, 'wx', 0o644);
  }

  static open(path: string): AtomicFileWriter {
    return new AtomicFileWriter(path);
  }

  write(text: string): void {
    if (this.descriptor === undefined) throw new Error(`${this.path}: written after commit or abort`);
    const redacted = redactSecrets(text);
    const bytes = this.encode(redacted);
    this.hash.update(bytes);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.descriptor, bytes, offset);
  }

  /**
   * The text's UTF-8 bytes, for a batch-sized text in a reused buffer (3 bytes per UTF-16 unit at most): Buffer.from
   * of each 1 MiB items batch cost about 3x more. A larger text (a whole report) gets its own exact buffer.
   */
  private encode(text: string): Buffer {
    if (text.length > MAX_SCRATCH_UNITS) return Buffer.from(text, 'utf8');
    if (this.scratch.length < text.length * 3) this.scratch = Buffer.allocUnsafe(text.length * 3);
    return this.scratch.subarray(0, this.scratch.write(text, 'utf8'));
  }

  /** Flushes and closes the temporary file; returns the SHA-256 of the bytes written (publish() makes it the target). */
  finish(): string {
    if (this.descriptor === undefined) throw new Error(`${this.path}: finished twice`);
    fsyncSync(this.descriptor);
    closeSync(this.descriptor);
    this.descriptor = undefined;
    return this.hash.digest('hex');
  }

  /** Renames the finished temporary file over the target and flushes the directory entry. */
  publish(): void {
    renameSync(this.temporaryPath, this.path);
    syncDirectory(dirname(this.path));
  }

  commit(): string {
    const sha256 = this.finish();
    this.publish();
    return sha256;
  }

  /** Drops the temporary file (the target is untouched). */
  abort(): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor);
    this.descriptor = undefined;
    try {
      unlinkSync(this.temporaryPath);
    } catch {
      // already gone
    }
  }
}

/** Writes a whole file atomically (see AtomicFileWriter). */
export function writeFileAtomically(path: string, text: string): void {
  const writer = AtomicFileWriter.open(path);
  try {
    writer.write(text);
    writer.commit();
  } catch (error) {
    writer.abort();
    throw error;
  }
}

/** Makes a rename durable: the directory entry is flushed too (not possible on every platform, hence best effort). */
export function syncDirectory(directory: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(directory, 'r');
    fsyncSync(descriptor);
  } catch {
    // Windows cannot open a directory; the rename is still atomic there
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** Removes the temporary files a killed shopeval process left in `directory` (only ours, only of dead processes). */
export function removeStaleTemporaryFiles(directory: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = TEMPORARY_NAME.exec(name)?.[1] ?? LEGACY_TEMPORARY_NAME.exec(name)?.[1];
    if (pid === undefined || processAlive(Number(pid))) continue;
    try {
      unlinkSync(join(directory, name));
      removed.push(name);
    } catch {
      // another process removed it first
    }
  }
  return removed;
}
