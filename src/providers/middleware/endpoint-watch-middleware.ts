import type { LanguageModel } from '../provider';
import { ProviderCallError, asProviderCallError } from '../provider-call-error';
import { wrapLanguageModel } from './wrap-language-model';

/** @default 30 s: long enough for a server restart or a network blip, short enough that a dead server costs little */
export const DEFAULT_DEAD_ENDPOINT_MS = 30_000;

/** What the watch reports when the endpoint has failed every attempt for `afterMs`. */
export interface EndpointDown {
  readonly sinceMs: number;
  readonly lastError: string;
}

export interface EndpointWatch {
  /** How long every attempt must fail to connect (or time out) before the endpoint counts as dead. */
  readonly afterMs: number;
  readonly onDown: (down: EndpointDown) => void;
  /** Injectable for tests. @default Date.now */
  readonly now?: () => number;
}

/** Failures that say nothing answers at the other end: refused or dropped connections, timeouts. */
function isUnreachable(error: ProviderCallError): boolean {
  return error.kind === 'connection' || error.kind === 'timeout';
}

/**
 * Watches every attempt (it sits under the retry layer): the first connection failure starts a timer that any answer
 * (even an HTTP error: the server is up) cancels; when it fires, `onDown` is called once. Scattered faults never last
 * that long, so the per-item retry budget still handles them.
 */
export function endpointWatchMiddleware(model: LanguageModel, watch: EndpointWatch): LanguageModel {
  const now = watch.now ?? Date.now;
  let failingSince: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastError = '';
  let reported = false;
  const reset = (): void => {
    failingSince = undefined;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const fire = (): void => {
    timer = undefined;
    if (reported || failingSince === undefined) return;
    reported = true;
    watch.onDown({ sinceMs: now() - failingSince, lastError });
  };
  return wrapLanguageModel(model, async (request, next) => {
    try {
      const response = await next(request);
      reset();
      return response;
    } catch (thrown) {
      const error = asProviderCallError(thrown);
      if (error.kind === 'aborted') throw thrown;
      if (!isUnreachable(error)) {
        reset(); // the server answered, if only with an error
        throw thrown;
      }
      lastError = error.describe();
      if (failingSince === undefined) {
        failingSince = now();
        timer = setTimeout(fire, watch.afterMs);
        timer.unref();
      }
      throw thrown;
    }
  });
}
