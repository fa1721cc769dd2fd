import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault, FaultPlan } from './fault-plan';

export interface GenerationCall {
  readonly path: string;
  readonly prompt: string;
  readonly system: string | undefined;
  readonly body: Record<string, unknown>;
  readonly fault: Fault | undefined;
}

/** Milliseconds a successful call waits before its answer, e.g. slow for some prompts (items over a time limit). */
export type LatencySchedule = (call: GenerationCall, callNumber: number) => number;

export interface FakeTokenLogprob {
  readonly token: string;
  readonly logprob: number;
}

export interface FakeServerOptions {
  /** The model's answer to a prompt (default: echoes the prompt's last line). */
  readonly answer?: (prompt: string, call: GenerationCall) => string;
  readonly faults?: FaultPlan;
  /** Latency of every answer: fixed, or a schedule giving each call's (by its prompt, or its 1-based arrival number). @default 0 */
  readonly latencyMs?: number | LatencySchedule;
  /** The server's clock in ms, for the times it reports (`created`), so a test moves time on without sleeping. @default Date.now */
  readonly clock?: () => number;
  /** How long a 'slow' fault waits before answering. @default 5000 */
  readonly slowMs?: number;
  /** Retry-After header sent with 429s. @default '0' */
  readonly retryAfter?: string;
  /** Routes (`METHOD /path`) that accept the request and never answer it. */
  readonly silentRoutes?: readonly string[];
  /** Routes answered with this HTTP status, the body echoing the Authorization header (e.g. `{'GET /v1/models': 401}`). */
  readonly failingRoutes?: Readonly<Record<string, number>>;
  /**
   * The most probable first tokens for a prompt, most probable first, with natural-log probabilities, for requests that
   * ask for logprobs; the server returns as many as the request asks for (a label beyond them is missing from the top-k).
   * @default the answer's first word, at log-probability -0.01
   */
  readonly alternatives?: (prompt: string) => readonly FakeTokenLogprob[];
  /** Listen on this port (a restart at the same address after `close()`); default: a free port. */
  readonly port?: number;
}

/** What a fake saw; tests assert on it (e.g. the cache prevented a second call). */
export interface FakeServerLog {
  /** Every generation call, faulty or not, in arrival order. */
  readonly calls: GenerationCall[];
  /** Prompts answered successfully, with how many times. */
  readonly answered: Map<string, number>;
  /** Raw request headers of every request (to check what the client sent). */
  readonly headers: IncomingMessage['headers'][];
}

export interface RunningFakeServer {
  readonly url: string;
  readonly port: number;
  readonly log: FakeServerLog;
  /** Changes what the server does from the next request on (e.g. another checkpoint served under the same name). */
  reconfigure(changes: Partial<FakeServerOptions>): void;
  /**
   * Stops the server, dropping held calls; with `drain`, calls in progress are answered first (at most `drainMs`,
   * default 5 s), so a client's request in flight when its test ends settles before the file's environment is torn down.
   */
  close(options?: { readonly drain?: boolean; readonly drainMs?: number }): Promise<void>;
}

export type RouteHandler = (context: RouteContext) => void;

export interface RouteContext {
  readonly body: Record<string, unknown>;
  /** The request's path (without the query) and its bytes as sent (multipart uploads are not JSON). */
  readonly path: string;
  readonly raw: Buffer;
  readonly contentType: string;
  readonly response: ServerResponse;
  readonly options: FakeServerOptions;
  readonly log: FakeServerLog;
  /** Runs fault injection and latency, then calls `reply(answerText)` for a successful call (`emptyReply()` for a null-content fault). */
  generation(
    prompt: string,
    system: string | undefined,
    reply: (text: string) => unknown,
    errorBody: (message: string) => unknown,
    emptyReply?: () => unknown,
    malformedReply?: () => unknown,
  ): void;
}

function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

export function defaultAnswer(prompt: string): string {
  return prompt.trim().split('\n').pop() ?? '';
}

/** A node:http server on 127.0.0.1:0 with routes keyed `METHOD /path`, fault injection and a call log. */
export async function startFakeServer(routes: Record<string, RouteHandler>, initial: FakeServerOptions): Promise<RunningFakeServer> {
  let options: FakeServerOptions = initial;
  const log: FakeServerLog = { calls: [], answered: new Map(), headers: [] };
  const timers = new Set<NodeJS.Timeout>();
  const later = (milliseconds: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, milliseconds);
    timers.add(timer);
  };
  let inProgress = 0;
  let drained: (() => void) | undefined;
  const server = createServer((request, response) => {
    inProgress += 1;
    response.on('close', () => {
      inProgress -= 1;
      if (inProgress === 0) drained?.();
    });
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      log.headers.push(request.headers);
      const routeKey = `${request.method ?? 'GET'} ${(request.url ?? '/').split('?')[0] ?? '/'}`;
      if (options.silentRoutes?.includes(routeKey) === true) return; // held until the client gives up or the server closes
      const echo = `invalid credentials: authorization header was ${request.headers.authorization ?? 'absent'}`;
      const failingStatus = options.failingRoutes?.[routeKey];
      if (failingStatus !== undefined)
        return sendJson(response, failingStatus, { error: { message: echo, type: 'invalid_request_error', param: null, code: null } });
      // `METHOD /prefix/*` routes take any path under the prefix (ids in the path: /v1/batches/batch_1)
      const route =
        routes[routeKey] ?? Object.entries(routes).find(([key]) => key.endsWith('/*') && routeKey.startsWith(key.slice(0, -1)))?.[1];
      if (route === undefined) return sendJson(response, 404, { error: `no route ${request.method} ${request.url}` });
      const raw = Buffer.concat(chunks);
      const contentType = request.headers['content-type'] ?? '';
      let body: Record<string, unknown> = {};
      try {
        const text = raw.toString('utf8');
        body = text === '' || contentType.startsWith('multipart/form-data') ? {} : (JSON.parse(text) as Record<string, unknown>);
      } catch {
        return sendJson(response, 400, { error: 'invalid JSON in request' });
      }
      route({
        body,
        path: routeKey.slice(routeKey.indexOf(' ') + 1),
        raw,
        contentType,
        response,
        options,
        log,
        generation(prompt, system, reply, errorBody, emptyReply, malformedReply) {
          const fault = options.faults?.(log.calls.length + 1, prompt);
          const call: GenerationCall = { path: request.url ?? '', prompt, system, body, fault };
          log.calls.push(call);
          const answer = (): void => {
            if (response.destroyed) return;
            log.answered.set(prompt, (log.answered.get(prompt) ?? 0) + 1);
            sendJson(response, 200, reply((options.answer ?? defaultAnswer)(prompt, call)));
          };
          switch (fault) {
            case 'http-500':
              return sendJson(response, 500, errorBody('injected server error'));
            case 'http-429':
              return sendJson(response, 429, errorBody('injected rate limit'), { 'retry-after': options.retryAfter ?? '0' });
            case 'drop':
              request.socket.destroy();
              return;
            case 'malformed-json':
              response.writeHead(200, { 'content-type': 'application/json' });
              response.end('{"id": "broken", "choices": [');
              return;
            case 'slow':
              return later(options.slowMs ?? 5000, answer);
            case 'hold':
              return; // never answered; the client gives up or is killed
            case 'null-content':
              return sendJson(response, 200, (emptyReply ?? (() => reply('')))());
            case 'http-401-echo':
              return sendJson(response, 401, errorBody(echo));
            case 'http-500-echo':
              return sendJson(response, 500, errorBody(echo));
            case 'missing-content':
              return sendJson(response, 200, (malformedReply ?? (() => ({})))());
            case 'http-401-echo-masked': {
              const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
              const masked = `${token.slice(0, Math.ceil(token.length / 2))}***`;
              return sendJson(response, 401, errorBody(`${echo}; key ${masked} is not valid`), {
                'x-echo-key': masked,
                'www-authenticate': `Bearer realm="${token}"`,
              });
            }
            case 'http-400':
              return sendJson(response, 400, errorBody('injected bad request: unknown parameter'));
            case undefined: {
              const latency =
                typeof options.latencyMs === 'function' ? options.latencyMs(call, log.calls.length) : (options.latencyMs ?? 0);
              if (latency > 0) return later(latency, answer);
              return answer();
            }
          }
        },
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(initial.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    reconfigure: (changes) => {
      options = { ...options, ...changes };
    },
    close: async ({ drain = false, drainMs = 5000 } = {}) => {
      if (drain && inProgress > 0) {
        await new Promise<void>((resolve) => {
          const bound = setTimeout(resolve, drainMs);
          drained = () => (clearTimeout(bound), resolve());
        });
      }
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { sendJson };

/** A local port nothing listens on (bound then released): a "dead endpoint" that refuses connections. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The first position's alternatives the request asked for (`count` of them), most probable first. */
export function topAlternatives(options: FakeServerOptions, prompt: string, answer: string, count: number): FakeTokenLogprob[] {
  const all = options.alternatives?.(prompt) ?? [{ token: answer.split(/(?=\s)/u)[0] ?? '', logprob: -0.01 }];
  return [...all].sort((a, b) => b.logprob - a.logprob).slice(0, count);
}

/** UTF-8 bytes of a token, as OpenAI, vLLM, llama-server and Ollama send them beside it. */
export function tokenBytes(token: string): number[] {
  return [...Buffer.from(token, 'utf8')];
}
