import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { stringifyJson } from '../util/json';

const BATCH_CHARS = 1 << 16;

/**
 * Writes JSON Lines as records are computed, into a temporary file in the target's directory that `commit()` renames
 * over the target: a reader never sees half a file, and a run that fails leaves the previous file (`abort()`).
 * Waits when the disk is slower than the producer, so memory stays flat however many records there are.
 */
export class JsonLinesWriter {
  readonly path: string;
  private readonly temporary: string;
  private readonly stream: WriteStream;
  private readonly failed: Promise<never>;
  private batch = '';
  count = 0;

  constructor(path: string) {
    this.path = path;
    this.temporary = `${path}.${process.pid}.tmp`;
    this.stream = createWriteStream(this.temporary, { encoding: 'utf8' });
    this.failed = new Promise<never>((_, reject) => this.stream.once('error', reject));
    this.failed.catch(() => undefined);
  }

  async write(record: unknown): Promise<void> {
    this.batch += stringifyJson(record) + '\n';
    this.count += 1;
    if (this.batch.length < BATCH_CHARS) return;
    const text = this.batch;
    this.batch = '';
    if (!this.stream.write(text)) await Promise.race([once(this.stream, 'drain'), this.failed]);
  }

  async commit(): Promise<void> {
    this.stream.end(this.batch);
    this.batch = '';
    await Promise.race([once(this.stream, 'finish'), this.failed]);
    await rename(this.temporary, this.path);
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.temporary, { force: true });
  }
}
