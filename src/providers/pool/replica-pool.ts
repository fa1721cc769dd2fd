import { ConfigError } from '../../errors';
import type { GenerateRequest, GenerateResponse, LanguageModel } from '../provider';
import { asProviderCallError, ProviderCallError } from '../provider-call-error';
import { ReplicaTally, type ReplicaFigures } from './replica-figures';
import type { Replicas, ReplicaSetModel } from './replica-set';
import type { NoteReporter } from '../../util/note-event';

/** @default 3: one dropped connection is noise; three in a row with no answer between them is a sick replica */
export const DEFAULT_EJECT_AFTER = 3;

export interface ReplicaPoolSettings {
  /** Calls in flight at once on each replica (--concurrency). */
  readonly concurrency: number;
  /** Consecutive failures (connection, timeout, 5xx) that take a replica out. @default DEFAULT_EJECT_AFTER */
  readonly ejectAfter?: number;
  /** Bounds each re-probe of an ejected replica. */
  readonly probeTimeoutMs: number;
  /** Wait before re-probe number `attempt` (1-based) of an ejected replica. */
  readonly reprobeDelay: (attempt: number) => number;
  /** The members as the pool calls them (each under its own timeout layer). @default the set's adapters */
  readonly members?: Replicas['members'];
  /** Told when a replica is taken out or put back (a notice), or kept out because it serves another checkpoint (a warning). */
  readonly reporter?: NoteReporter | undefined;
}

export interface ReplicaPool {
  readonly model: LanguageModel;
  /** Per-replica counts, errors and latency so far, in --base-url order. */
  figures(): ReplicaFigures[];
  /** Stops the re-probe timers. */
  close(): void;
}

interface Replica {
  readonly index: number;
  readonly model: LanguageModel;
  readonly tally: ReplicaTally;
  outstanding: number;
  consecutiveFailures: number;
  healthy: boolean;
  reprobes: number;
  /** The last re-probe found another checkpoint (said once). */
  warned: boolean;
}

interface Waiter {
  readonly assign: (replica: Replica) => void;
  readonly fail: (error: ProviderCallError) => void;
}

/** Failures that say the replica itself is sick, not the request: no connection, no answer in time, a 5xx. */
function isReplicaFailure(error: ProviderCallError): boolean {
  return error.kind === 'connection' || error.kind === 'timeout' || (error.kind === 'http' && (error.status ?? 0) >= 500);
}

/**
 * Routes each call to the healthy replica with the fewest calls outstanding (each replica at most `concurrency` at
 * once; the rest wait in arrival order). A replica failing `ejectAfter` times in a row is taken out and re-probed with
 * backoff until it answers with the run's checkpoint. It sits under the retry layer: a failed call is retried by that
 * layer and lands on another replica; with no replica left the call fails at once as a connection error, so the
 * dead-endpoint watch above stops the run when none comes back.
 */
export function createReplicaPool(set: ReplicaSetModel, settings: ReplicaPoolSettings): ReplicaPool {
  const replicas: Replicas = { ...set.replicas, members: settings.members ?? set.replicas.members };
  const slots = Math.max(1, Math.floor(settings.concurrency));
  const ejectAfter = Math.max(1, settings.ejectAfter ?? DEFAULT_EJECT_AFTER);
  const pool: Replica[] = replicas.members.map((model, index) => ({
    index,
    model,
    tally: new ReplicaTally(replicas.endpoints[index] ?? `replica ${index + 1}`),
    outstanding: 0,
    consecutiveFailures: 0,
    healthy: true,
    reprobes: 0,
    warned: false,
  }));
  const waiting: Waiter[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  let cursor = 0;
  let lastError = 'none';

  const noneLeft = (): ProviderCallError =>
    new ProviderCallError({
      kind: 'connection',
      message: `no replica left: all ${pool.length} are out, each re-probed until it answers (last error: ${lastError})`,
    });

  // a replica that just failed ranks after every one that did not, however busy
  const rank = (candidate: Replica): number => (candidate.consecutiveFailures > 0 ? slots + 1 : 0) + candidate.outstanding;
  /** The least-loaded healthy replica with a free slot. */
  const pick = (): Replica | undefined => {
    let best: Replica | undefined;
    for (let step = 0; step < pool.length; step += 1) {
      const replica = pool[(cursor + step) % pool.length];
      if (replica === undefined || !replica.healthy || replica.outstanding >= slots) continue;
      if (best === undefined || rank(replica) < rank(best)) best = replica;
    }
    if (best !== undefined) cursor = (best.index + 1) % pool.length; // ties rotate, so an idle pool spreads its first calls
    return best;
  };

  const dispatch = (): void => {
    if (!pool.some((replica) => replica.healthy)) {
      for (const waiter of waiting.splice(0)) waiter.fail(noneLeft());
      return;
    }
    while (waiting.length > 0) {
      const replica = pick();
      if (replica === undefined) return;
      replica.outstanding += 1;
      waiting.shift()?.assign(replica);
    }
  };

  const acquire = (signal: AbortSignal | undefined): Promise<Replica> =>
    new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const at = waiting.indexOf(waiter);
        if (at >= 0) waiting.splice(at, 1);
        reject(new ProviderCallError({ kind: 'aborted', message: 'request aborted', cause: signal?.reason }));
      };
      const waiter: Waiter = {
        assign: (replica) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(replica);
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      if (signal?.aborted === true) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(waiter);
      dispatch();
    });

  const reprobe = (replica: Replica): void => {
    if (closed) return;
    replica.reprobes += 1;
    // each ejection starts the backoff one step further, so a replica that fails again soon after coming back flaps slowly
    const delay = settings.reprobeDelay(replica.reprobes + replica.tally.ejections - 1);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (closed) return;
      replicas.recheck(replica.index, settings.probeTimeoutMs).then(
        () => {
          if (closed) return;
          replica.healthy = true;
          replica.consecutiveFailures = 0;
          replica.reprobes = 0;
          replica.warned = false;
          settings.reporter?.({ type: 'notice', message: `replica ${replica.tally.endpoint} answers again: back in the pool` });
          dispatch();
        },
        (error: unknown) => {
          lastError = error instanceof Error ? error.message : String(error);
          // another checkpoint is said once; it stays out (and is asked again) until the right one is served
          if (error instanceof ConfigError && !replica.warned)
            settings.reporter?.({ type: 'warning', message: `replica ${lastError}: kept out of the pool` });
          replica.warned = error instanceof ConfigError;
          reprobe(replica);
        },
      );
    }, delay);
    timer.unref();
    timers.add(timer);
  };

  const eject = (replica: Replica): void => {
    replica.healthy = false;
    replica.tally.ejections += 1;
    const left = pool.filter((candidate) => candidate.healthy).length;
    settings.reporter?.({
      type: 'notice',
      message: `replica ${replica.tally.endpoint} failed ${replica.consecutiveFailures} calls in a row (last: ${lastError}): taken out, re-probed until it answers; ${left} of ${pool.length} left`,
    });
    reprobe(replica);
    dispatch(); // with none left, the waiting calls fail now and go back to the retry layer
  };

  const settle = (replica: Replica, error: ProviderCallError | undefined): void => {
    replica.outstanding -= 1;
    if (error === undefined) replica.consecutiveFailures = 0;
    else if (error.kind !== 'aborted') {
      replica.tally.errors += 1;
      if (!isReplicaFailure(error))
        replica.consecutiveFailures = 0; // it answered, if only with an error
      else {
        replica.consecutiveFailures += 1;
        lastError = error.describe();
        if (replica.healthy && replica.consecutiveFailures >= ejectAfter) eject(replica);
      }
    }
    dispatch();
  };

  const generate = async (request: GenerateRequest): Promise<GenerateResponse> => {
    const replica = await acquire(request.abortSignal);
    replica.tally.requests += 1;
    try {
      const response = await replica.model.generate(request);
      replica.tally.recordAnswer(response.latencyMs);
      settle(replica, undefined);
      return response;
    } catch (thrown) {
      settle(replica, asProviderCallError(thrown));
      throw thrown;
    }
  };

  const probe = set.probe?.bind(set);
  return {
    model: {
      description: set.description,
      cacheable: set.cacheable,
      ...(set.logprobs === true ? { logprobs: true } : {}),
      generate,
      ...(probe === undefined ? {} : { probe }),
    },
    figures: () => pool.map((replica) => replica.tally.figures()),
    close: () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
