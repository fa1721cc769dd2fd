import type { RecordSplitter, RecordText } from './read-json-records';

const NEWLINE = 0x0a;

/** Cuts JSON Lines bytes at each `\n` (a `\r` before it is JSON whitespace); blank lines are skipped but counted. */
export class JsonLinesSplitter implements RecordSplitter {
  private pending: Buffer[] = [];
  private line = 0;
  /** Byte offset in the file of the line being read. */
  private offset: number;

  constructor(startOffset = 0) {
    this.offset = startOffset;
  }

  push(chunk: Buffer): RecordText[] {
    const texts: RecordText[] = [];
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      this.pending.push(chunk.subarray(start, end));
      this.emit(texts, 1);
      start = end + 1;
    }
    // copied: the stream may reuse its buffer
    if (start < chunk.length) this.pending.push(Buffer.from(chunk.subarray(start)));
    return texts;
  }

  end(): RecordText[] {
    const texts: RecordText[] = [];
    if (this.pending.length > 0) this.emit(texts, 0);
    return texts;
  }

  private emit(into: RecordText[], newline: number): void {
    this.line += 1;
    const bytes = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    this.pending = [];
    const text = bytes.toString('utf8');
    if (text.trim() !== '') into.push({ text, line: this.line, offset: this.offset, length: bytes.length });
    this.offset += bytes.length + newline;
  }
}
