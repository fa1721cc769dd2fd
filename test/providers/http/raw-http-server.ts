import { createServer, type AddressInfo, type Socket } from 'node:net';

/** One request as the raw server read it off the socket. */
export interface RawRequest {
  readonly head: string;
  readonly body: Buffer;
  /** 1-based number of the connection it came on (tells reuse from a new socket). */
  readonly connection: number;
}

/** What the handler does with a request: bytes to write (in pieces, to split a response over packets), then maybe close. */
export interface RawReply {
  readonly pieces: readonly (string | Buffer)[];
  readonly close?: boolean;
  /** Never answer (the client must abort). */
  readonly hold?: boolean;
}

export interface RawHttpServer {
  readonly url: string;
  readonly requests: RawRequest[];
  /** Connections opened so far, and the most open at one time. */
  readonly connections: { opened: number; open: number; peak: number; closed: number };
  close(): Promise<void>;
}

/**
 * A TCP server that speaks HTTP/1.1 by hand, so a test can send what node:http's server never would (chunk extensions,
 * trailers, interim 100s, HTTP/1.0 bodies ended by close, a body cut short, a response dribbled one byte at a time).
 */
export async function startRawHttpServer(handler: (request: RawRequest) => RawReply): Promise<RawHttpServer> {
  const requests: RawRequest[] = [];
  const connections = { opened: 0, open: 0, peak: 0, closed: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    connections.opened += 1;
    connections.open += 1;
    connections.peak = Math.max(connections.peak, connections.open);
    const number = connections.opened;
    let buffer = Buffer.alloc(0);
    socket.on('close', () => {
      sockets.delete(socket);
      connections.open -= 1;
      connections.closed += 1;
    });
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.toString('latin1', 0, end);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? '0');
        if (buffer.length < end + 4 + length) return;
        const request = { head, body: buffer.subarray(end + 4, end + 4 + length), connection: number };
        buffer = buffer.subarray(end + 4 + length);
        requests.push(request);
        void reply(socket, handler(request));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function reply(socket: Socket, answer: RawReply): Promise<void> {
  if (answer.hold === true) return;
  for (const piece of answer.pieces) {
    if (socket.destroyed) return;
    socket.write(piece);
    if (answer.pieces.length > 1) await new Promise((resolve) => setTimeout(resolve, 1)); // separate packets
  }
  if (answer.close === true) socket.end();
}

/** A plain 200 with a Content-Length body. */
export function okReply(body: string, extraHeaders = ''): RawReply {
  return {
    pieces: [
      `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extraHeaders}\r\n${body}`,
    ],
  };
}
