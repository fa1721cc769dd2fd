import { setMaxListeners } from 'node:events';
import type { LanguageModel } from '../provider';
import { ProviderCallError } from '../provider-call-error';
import { wrapLanguageModel } from './wrap-language-model';

/** @default 120000 ms: generous for a local server under load, short enough to notice a hung one */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** How late a timeout may fire, as a share of it (capped): calls starting within that slice share one deadline. */
const SLACK_SHARE = 0.01;
const MAX_SLACK_MS = 250;
/**
 * Calls one group serves at most: the openai client adds a listener to the signal per call and never removes it, and
 * an EventTarget checks its whole listener list on every add (a group of thousands cost more than it saved).
 */
const MAX_JOINS = 32;

/**
 * Calls that started within one time slice, under one outer signal (up to MAX_JOINS of them): one AbortController, one
 * timer and one listener on the outer signal serve them all (a controller, a timer and a listener per call were a visible share of the
 * runner's CPU). The timer fires `timeoutMs + slack` after the slice opened, so every member gets at least its
 * `timeoutMs`, at most `slack` more.
 */
class DeadlineGroup {
  readonly controller = new AbortController();
  readonly opened = performance.now();
  timedOut = false;
  /** Calls that joined so far (the cap), and those still in flight. */
  joins = 0;
  #members = 0;
  readonly #timer: NodeJS.Timeout;
  readonly #forward: () => void;

  constructor(
    readonly outer: AbortSignal | undefined,
    timeoutMs: number,
    slackMs: number,
  ) {
    setMaxListeners(0, this.controller.signal); // every member's client listens to it
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error(`no answer within ${timeoutMs} ms`));
      this.outer?.removeEventListener('abort', this.#forward);
    }, timeoutMs + slackMs);
    this.#timer.unref(); // refd only while a call waits on it
    this.#forward = () => this.controller.abort(outer?.reason);
    outer?.addEventListener('abort', this.#forward, { once: true });
  }

  join(): void {
    if (this.#members === 0) this.#timer.ref();
    this.#members += 1;
    this.joins += 1;
  }

  /** A member settled; an empty group that no call can join any more is dismantled. */
  leave(closed: boolean): void {
    this.#members -= 1;
    if (this.#members === 0) this.#timer.unref();
    if (closed) this.dismantleIfEmpty();
  }

  dismantleIfEmpty(): void {
    if (this.#members > 0) return;
    clearTimeout(this.#timer);
    this.outer?.removeEventListener('abort', this.#forward);
  }
}

/** Aborts a call that takes longer than `timeoutMs`; adapters pass the signal to their client (Ollama's has no timeout). */
export function timeoutMiddleware(model: LanguageModel, timeoutMs: number = DEFAULT_TIMEOUT_MS): LanguageModel {
  const slackMs = Math.min(MAX_SLACK_MS, timeoutMs * SLACK_SHARE);
  // the open group per outer signal (a run has one; the probe and library callers may bring others)
  const open = new Map<AbortSignal | undefined, DeadlineGroup>();
  const isClosed = (group: DeadlineGroup): boolean =>
    open.get(group.outer) !== group || group.joins >= MAX_JOINS || performance.now() - group.opened > slackMs;
  const groupFor = (outer: AbortSignal | undefined): DeadlineGroup => {
    const current = open.get(outer);
    if (current !== undefined && !isClosed(current)) return current;
    current?.dismantleIfEmpty();
    const group = new DeadlineGroup(outer, timeoutMs, slackMs);
    open.set(outer, group);
    return group;
  };
  return wrapLanguageModel(model, async (request, next) => {
    const outer = request.abortSignal;
    // a request that waited for a slot while the run was being stopped must not start: no abort event would reach it
    if (isAborted(outer)) throw new ProviderCallError({ kind: 'aborted', message: 'request aborted', cause: outer?.reason });
    const group = groupFor(outer);
    group.join();
    try {
      return await next({ ...request, abortSignal: group.controller.signal });
    } catch (error) {
      if (group.timedOut && !isAborted(outer)) {
        throw new ProviderCallError({ kind: 'timeout', message: `no answer within ${timeoutMs} ms`, cause: error });
      }
      throw error;
    } finally {
      group.leave(isClosed(group));
      if (open.get(outer) === group && isAborted(outer)) open.delete(outer); // a stopped run's signal is not kept
    }
  });
}

/** Read through a call: the signal changes while a request is in flight. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
