import type { Socket } from 'node:net';
import { HttpParseError, ResponseParser, type ParsedResponse } from './http1-response-parser';

const NON_ASCII = /[^\x00-\x7f]/;

/** One request in flight on a connection: its parser and how it settles. */
interface Exchange {
  readonly parser: ResponseParser;
  readonly resolve: (response: ParsedResponse) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A keep-alive socket that carries one request at a time (no pipelining). Its listeners are installed once, not per
 * request; a socket that closes or errors while idle marks itself dead so the pool drops it.
 */
export class Http1Connection {
  #exchange: Exchange | undefined;
  #dead = false;
  /** When it last finished a response (an idle socket past the server's keep-alive timeout is not reused). */
  idleSince = 0;
  /** Requests it has carried: a reused socket that fails before any answer byte was closed by the server. */
  uses = 0;

  constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('end', () => this.#onEnd());
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => this.#fail(new Error('the server closed the connection')));
  }

  get dead(): boolean {
    return this.#dead || this.socket.destroyed;
  }

  /** Writes the request and resolves with the whole response; rejects with the socket's error or a parse error. */
  send(head: string, body: string | Uint8Array | undefined, isHead: boolean): Promise<ParsedResponse> {
    this.uses += 1;
    return new Promise<ParsedResponse>((resolve, reject) => {
      this.#exchange = { parser: new ResponseParser(isHead), resolve, reject };
      if (body === undefined) this.socket.write(head, 'latin1');
      // one write, header block and body in one packet, when the head is ASCII (its latin1 and UTF-8 bytes agree)
      else if (typeof body === 'string' && !NON_ASCII.test(head)) this.socket.write(head + body, 'utf8');
      else {
        this.socket.cork();
        this.socket.write(head, 'latin1');
        this.socket.write(body);
        this.socket.uncork();
      }
    });
  }

  /** Drops the connection (an aborted request, a response that says close, an unusable stream). */
  destroy(error?: Error): void {
    this.#dead = true;
    this.socket.destroy(error);
  }

  #onData(chunk: Buffer): void {
    const exchange = this.#exchange;
    if (exchange === undefined) {
      this.destroy(); // bytes nobody asked for: the stream is out of step
      return;
    }
    let parsed: ReturnType<ResponseParser['push']>;
    try {
      parsed = exchange.parser.push(chunk);
    } catch (error) {
      this.#fail(error instanceof Error ? error : new HttpParseError(String(error)));
      return;
    }
    if (parsed === undefined) return;
    this.#exchange = undefined;
    if (!parsed.response.keepAlive || parsed.extra > 0) this.destroy();
    this.idleSince = performance.now();
    exchange.resolve(parsed.response);
  }

  #onEnd(): void {
    const exchange = this.#exchange;
    this.#dead = true;
    if (exchange === undefined) return;
    this.#exchange = undefined;
    try {
      exchange.resolve(exchange.parser.finish()); // a body that runs until close ends here
    } catch (error) {
      exchange.reject(error instanceof Error ? error : new HttpParseError(String(error)));
    }
    this.socket.destroy();
  }

  #fail(error: Error): void {
    this.#dead = true;
    const exchange = this.#exchange;
    this.#exchange = undefined;
    if (!this.socket.destroyed) this.socket.destroy();
    exchange?.reject(error);
  }
}
