import { connect as connectTcp } from 'node:net';
import { Http1Connection } from './http1-connection';

/**
 * Idle sockets older than this are closed, not reused: servers drop idle keep-alive connections after a few seconds
 * (uvicorn, llama-server and Node 5 s), and a request written into a closing socket fails.
 */
const IDLE_REUSE_MS = 4000;

export interface Origin {
  /** Host name or address as connect() wants it (an IPv6 address without brackets). */
  readonly hostname: string;
  readonly port: number;
}

type Waiter = (connection: Http1Connection) => void;

/**
 * At most `maxSockets` connections to one origin; the most recently used idle one is taken first (its socket is warm),
 * callers beyond the limit wait in arrival order. Idle sockets are unref'd so they never keep the process alive.
 */
export class ConnectionPool {
  readonly #idle: Http1Connection[] = [];
  readonly #waiting: Waiter[] = [];
  #open = 0;

  constructor(
    private readonly origin: Origin,
    private readonly maxSockets: number,
  ) {}

  /** A connection for one request; the caller hands it back with `release` (also when it no longer wants it: aborted while waiting). */
  acquire(): Promise<Http1Connection> {
    const now = performance.now();
    for (let idle = this.#idle.pop(); idle !== undefined; idle = this.#idle.pop()) {
      if (!idle.dead && now - idle.idleSince < IDLE_REUSE_MS) {
        idle.socket.ref();
        return Promise.resolve(idle);
      }
      this.#drop(idle);
    }
    if (this.#open < this.maxSockets) return Promise.resolve(this.#connect());
    return new Promise<Http1Connection>((resolve) => this.#waiting.push(resolve));
  }

  /** The request is done with the connection: reused if it is still good, else replaced for whoever waits. */
  release(connection: Http1Connection): void {
    if (connection.dead) {
      this.#drop(connection);
      return;
    }
    const waiter = this.#waiting.shift();
    if (waiter !== undefined) {
      waiter(connection);
      return;
    }
    connection.socket.unref();
    this.#idle.push(connection);
  }

  /** The connection failed or was aborted: it is destroyed and its slot freed. */
  discard(connection: Http1Connection): void {
    if (!connection.dead) connection.destroy();
    this.#drop(connection);
  }

  #drop(connection: Http1Connection): void {
    const index = this.#idle.indexOf(connection);
    if (index >= 0) this.#idle.splice(index, 1);
    if (!connection.dead) connection.destroy();
    this.#open -= 1;
    const waiter = this.#waiting.shift();
    if (waiter !== undefined) waiter(this.#connect());
  }

  #connect(): Http1Connection {
    this.#open += 1;
    const { hostname, port } = this.origin;
    const socket = connectTcp({ host: hostname, port });
    const connection = new Http1Connection(socket);
    // an idle socket the server closes is dropped at once, so the pool's count stays true
    socket.once('close', () => {
      if (this.#idle.includes(connection)) this.#drop(connection);
    });
    return connection;
  }
}
