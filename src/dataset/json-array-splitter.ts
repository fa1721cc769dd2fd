import { DatasetError } from '../errors';
import type { RecordSplitter, RecordText } from './read-json-records';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === NEWLINE || byte === 0x0d;
}

type Between = 'before-array' | 'first' | 'after-comma' | 'after-element' | 'closed';

/**
 * Cuts a top-level JSON array into the texts of its elements as the bytes arrive, tracking only string, escape and
 * bracket depth (each element is then given to JSON.parse): a multi-gigabyte array reads one element at a time, and
 * an element that is not JSON is reported on its own line while the others still read. A broken array structure
 * (a missing comma, an unclosed bracket) ends the file with a DatasetError naming the line.
 */
export class JsonArraySplitter implements RecordSplitter {
  private readonly file: string;
  private state: Between = 'before-array';
  private line = 1;
  private inElement = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private elementLine = 0;
  private parts: Buffer[] = [];
  /** Byte offset in the file of the current chunk, and of the element being read. */
  private base: number;
  private elementOffset = 0;

  constructor(file: string, startOffset = 0) {
    this.file = file;
    this.base = startOffset;
  }

  push(chunk: Buffer): RecordText[] {
    const texts: RecordText[] = [];
    let start = 0;
    for (let index = 0; index < chunk.length; index += 1) {
      const byte = chunk[index] as number;
      if (this.inElement) {
        const end = this.scanElement(byte, index);
        if (end === undefined) {
          if (byte === NEWLINE) this.line += 1;
          continue;
        }
        texts.push(this.finish(chunk.subarray(start, end)));
        if (end === index + 1) {
          continue; // the byte closed the element
        }
        // a scalar element ends at the byte after it, which belongs to the array
      }
      if (byte === NEWLINE) this.line += 1;
      if (isWhitespace(byte)) continue;
      if (this.between(byte)) {
        start = index;
        this.elementOffset = this.base + index;
        this.begin(byte);
      }
    }
    if (this.inElement) this.parts.push(Buffer.from(chunk.subarray(start)));
    this.base += chunk.length;
    return texts;
  }

  end(): RecordText[] {
    if (this.inElement) this.fail(`the file ends inside the array element that starts at line ${this.elementLine}`, this.line);
    if (this.state !== 'closed') this.fail('the file ends before the closing ] of the JSON array', this.line);
    return [];
  }

  /** The exclusive end of the element in this chunk when `byte` ends it, else undefined. */
  private scanElement(byte: number, index: number): number | undefined {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (byte === BACKSLASH) this.escaped = true;
      else if (byte === QUOTE) {
        this.inString = false;
        if (this.depth === 0) return index + 1;
      }
      return undefined;
    }
    if (byte === QUOTE) this.inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) this.depth += 1;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (this.depth === 0) return index; // `]` right after a number, true, false or null
      this.depth -= 1;
      if (this.depth === 0) return index + 1;
    } else if (this.depth === 0 && (byte === COMMA || isWhitespace(byte))) return index;
    return undefined;
  }

  /** Handles a byte outside any element; true when it starts one. */
  private between(byte: number): boolean {
    switch (this.state) {
      case 'before-array':
        if (byte !== OPEN_BRACKET) this.fail('expected a JSON array of rows or JSON Lines', this.line);
        this.state = 'first';
        return false;
      case 'first':
        if (byte === CLOSE_BRACKET) {
          this.state = 'closed';
          return false;
        }
        return true;
      case 'after-comma':
        if (byte === CLOSE_BRACKET) this.fail('a comma before the closing ] (JSON allows none)', this.line);
        return true;
      case 'after-element':
        if (byte === COMMA) this.state = 'after-comma';
        else if (byte === CLOSE_BRACKET) this.state = 'closed';
        else this.fail('expected "," or "]" after an array element (is a comma missing?)', this.line);
        return false;
      case 'closed':
        return this.fail('text after the closing ] of the JSON array', this.line);
    }
  }

  private begin(byte: number): void {
    this.inElement = true;
    this.elementLine = this.line;
    this.depth = byte === OPEN_BRACE || byte === OPEN_BRACKET ? 1 : 0;
    this.inString = byte === QUOTE;
    this.escaped = false;
  }

  private finish(tail: Buffer): RecordText {
    this.parts.push(tail);
    const bytes = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    this.parts = [];
    this.inElement = false;
    this.state = 'after-element';
    return { text: bytes.toString('utf8'), line: this.elementLine, offset: this.elementOffset, length: bytes.length };
  }

  private fail(message: string, line: number): never {
    throw new DatasetError(message, {
      location: { file: this.file, position: line, kind: 'line' },
      hint: 'A JSON array file must be one array of row objects; JSON Lines has one object per line.',
    });
  }
}
