/**
 * The reply of our fetch (node-http-fetch.ts): the parts of a WHATWG Response the openai and ollama clients read (status,
 * headers, text/json/arrayBuffer, a body stream only when asked for), over a body that is already in memory. A
 * full Response copies the bytes through a web stream on every read, which the runner's profile showed per request.
 */
export class LeanResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  #bytes: Buffer | null;
  #used = false;

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly url: string,
    bytes: Buffer | null,
  ) {
    this.ok = status >= 200 && status <= 299;
    this.#bytes = bytes;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /** A stream over the bytes, made on first access (only streaming callers ask). */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#bytes === null) return null;
    const bytes = this.#take();
    return new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        controller.close();
      },
    });
  }

  #take(): Buffer {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#bytes ?? Buffer.alloc(0);
  }

  async text(): Promise<string> {
    const text = this.#take().toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // UTF-8 decode drops a byte-order mark, as fetch does
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): LeanResponse {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    return new LeanResponse(this.status, this.statusText, new Headers(this.headers), this.url, this.#bytes);
  }
}
