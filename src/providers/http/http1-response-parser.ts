/**
 * An incremental HTTP/1.1 response reader (RFC 9112): bytes in as the socket delivers them, one complete response out.
 * Framing follows section 6.3: no body for HEAD, 1xx, 204 and 304; chunked when Transfer-Encoding ends in chunked;
 * Content-Length when given; otherwise the body runs until the server closes the connection. Interim 1xx responses
 * (100 Continue, 103 Early Hints) are skipped, as fetch does.
 */

export interface ParsedResponse {
  readonly status: number;
  readonly statusText: string;
  /** Name, value, name, value... as sent (names in their original case). */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  /** False when the server asked to close, spoke HTTP/1.0 or framed the body by closing: the socket is not reused. */
  readonly keepAlive: boolean;
}

/** A malformed response: the connection cannot be trusted any further. */
export class HttpParseError extends Error {
  override readonly name = 'HttpParseError';
}

/** More header bytes than any inference server sends: a stream that is not HTTP. */
const MAX_HEADER_BYTES = 256 * 1024;
const CRLF_CRLF = Buffer.from('\r\n\r\n');
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/;

type BodyFraming =
  | { readonly kind: 'none' }
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'chunked' }
  | { readonly kind: 'until-close' };

interface Head {
  readonly status: number;
  readonly statusText: string;
  readonly rawHeaders: string[];
  readonly framing: BodyFraming;
  readonly keepAlive: boolean;
}

/** Reads one response of a request; `push` bytes, then `finish` when the socket ends (a close-delimited body ends there). */
export class ResponseParser {
  #buffer: Buffer = Buffer.alloc(0);
  #head: Head | undefined;
  /** Chunked bodies: the chunks decoded so far and where the next chunk-size line starts in #buffer. */
  #chunks: Buffer[] = [];
  #chunkOffset = 0;
  /** Where the search for the end of the header block resumes (a head split over many packets is scanned once). */
  #scanFrom = 0;

  constructor(private readonly headRequest: boolean) {}

  /** True once any byte of the response arrived (a reused connection that closes before that was closed by the server). */
  get started(): boolean {
    return this.#head !== undefined || this.#buffer.length > 0;
  }

  /** Adds bytes; returns the response once complete, with any bytes after it (a well-behaved server sends none). */
  push(chunk: Buffer): { response: ParsedResponse; extra: number } | undefined {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      if (this.#head === undefined) {
        const end = this.#buffer.indexOf(CRLF_CRLF, this.#scanFrom);
        if (end < 0) {
          if (this.#buffer.length > MAX_HEADER_BYTES) throw new HttpParseError(`response header block over ${MAX_HEADER_BYTES} bytes`);
          this.#scanFrom = Math.max(0, this.#buffer.length - 3);
          return undefined;
        }
        const head = parseHead(this.#buffer.toString('latin1', 0, end), this.headRequest);
        this.#buffer = this.#buffer.subarray(end + 4);
        this.#scanFrom = 0;
        if (head.status >= 100 && head.status < 200 && head.status !== 101) continue; // interim response: the real one follows
        this.#head = head;
      }
      return this.#body(this.#head);
    }
  }

  /** The socket ended: a close-delimited body is complete; anything else unfinished is an error. */
  finish(): ParsedResponse {
    const head = this.#head;
    if (head === undefined || head.framing.kind !== 'until-close')
      throw new HttpParseError('the server closed the connection mid-response');
    return { status: head.status, statusText: head.statusText, rawHeaders: head.rawHeaders, body: this.#buffer, keepAlive: false };
  }

  #body(head: Head): { response: ParsedResponse; extra: number } | undefined {
    const framing = head.framing;
    switch (framing.kind) {
      case 'none':
        return this.#done(head, Buffer.alloc(0), 0);
      case 'length':
        if (this.#buffer.length < framing.length) return undefined;
        return this.#done(head, this.#buffer.subarray(0, framing.length), framing.length);
      case 'chunked':
        return this.#chunked(head);
      case 'until-close':
        return undefined;
    }
  }

  #done(head: Head, body: Buffer, consumed: number): { response: ParsedResponse; extra: number } {
    const extra = this.#buffer.length - consumed;
    return {
      response: { status: head.status, statusText: head.statusText, rawHeaders: head.rawHeaders, body, keepAlive: head.keepAlive },
      extra,
    };
  }

  /** Decodes whole chunks as they arrive; the body is complete after the last-chunk and its (ignored) trailer section. */
  #chunked(head: Head): { response: ParsedResponse; extra: number } | undefined {
    const buffer = this.#buffer;
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', this.#chunkOffset, 'latin1');
      if (lineEnd < 0) return undefined;
      const sizeText = buffer.toString('latin1', this.#chunkOffset, lineEnd).split(';', 1)[0]?.trim() ?? '';
      if (!/^[0-9a-fA-F]{1,12}$/.test(sizeText)) throw new HttpParseError(`bad chunk size ${JSON.stringify(sizeText.slice(0, 20))}`);
      const size = parseInt(sizeText, 16);
      if (size === 0) {
        // the trailer section (ignored) ends with an empty line; without trailers that line follows at once
        const trailerStart = lineEnd + 2;
        if (buffer.length < trailerStart + 2) return undefined;
        const trailerEnd =
          buffer[trailerStart] === 0x0d && buffer[trailerStart + 1] === 0x0a ? trailerStart - 2 : buffer.indexOf(CRLF_CRLF, trailerStart);
        if (trailerEnd < 0) return undefined;
        const body = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks);
        return this.#done(head, body, trailerEnd + 4);
      }
      const dataStart = lineEnd + 2;
      if (buffer.length < dataStart + size + 2) return undefined;
      if (buffer[dataStart + size] !== 0x0d || buffer[dataStart + size + 1] !== 0x0a)
        throw new HttpParseError('chunk data not followed by CRLF');
      this.#chunks.push(buffer.subarray(dataStart, dataStart + size));
      this.#chunkOffset = dataStart + size + 2;
    }
  }
}

function parseHead(text: string, headRequest: boolean): Head {
  const lines = text.split('\r\n');
  const statusLine = STATUS_LINE.exec(lines[0] ?? '');
  if (statusLine === null) throw new HttpParseError(`not an HTTP/1.x status line: ${JSON.stringify((lines[0] ?? '').slice(0, 60))}`);
  const minor = statusLine[1];
  const status = Number(statusLine[2]);
  const rawHeaders: string[] = [];
  let contentLength: number | undefined;
  let transferEncoding: string | undefined;
  let connection = '';
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const colon = line.indexOf(':');
    if (colon <= 0 || line.charCodeAt(0) === 0x20 || line.charCodeAt(0) === 0x09)
      throw new HttpParseError(`bad header line ${JSON.stringify(line.slice(0, 60))}`);
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    rawHeaders.push(name, value);
    switch (name.toLowerCase()) {
      case 'content-length': {
        // repeated identical values are allowed (RFC 9110 section 8.6); differing ones are a smuggling attempt
        const length = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
        if (Number.isNaN(length) || (contentLength !== undefined && contentLength !== length))
          throw new HttpParseError(`bad Content-Length ${JSON.stringify(value)}`);
        contentLength = length;
        break;
      }
      case 'transfer-encoding':
        transferEncoding = transferEncoding === undefined ? value : `${transferEncoding}, ${value}`;
        break;
      case 'connection':
        connection += `,${value.toLowerCase()}`;
        break;
    }
  }
  const framing = bodyFraming(status, headRequest, transferEncoding, contentLength);
  const closes = connection.split(',').some((token) => token.trim() === 'close');
  const keepAlive = minor === '1' && !closes && framing.kind !== 'until-close';
  return { status, statusText: statusLine[3] ?? '', rawHeaders, framing, keepAlive };
}

function bodyFraming(
  status: number,
  headRequest: boolean,
  transferEncoding: string | undefined,
  contentLength: number | undefined,
): BodyFraming {
  if (headRequest || (status >= 100 && status < 200) || status === 204 || status === 304) return { kind: 'none' };
  if (transferEncoding !== undefined) {
    const codings = transferEncoding.split(',').map((coding) => coding.trim().toLowerCase());
    return codings[codings.length - 1] === 'chunked' ? { kind: 'chunked' } : { kind: 'until-close' };
  }
  return contentLength === undefined ? { kind: 'until-close' } : { kind: 'length', length: contentLength };
}
