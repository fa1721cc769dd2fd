import type { CheckpointIdentity } from '../providers/identity/checkpoint-identity';
import type { RetryEvent } from '../providers/retry-policy';
import type { NoteEvent } from '../util/note-event';
import type { AnyRunOutcome } from './run-outcome';

/**
 * What a run tells its caller, in order: the notes, the run directory once every input is accepted, the checkpoint it
 * talks to, the progress of each item, then how it ended (run-end with the results, or run-stop before the error).
 */
export type RunEvent =
  | NoteEvent
  /** Every input is accepted (dataset, predictions, embedding flags, the output directory): the run will use this directory. */
  | { readonly type: 'run-start'; readonly directory: string }
  /** The server was probed: the checkpoint the answers are recorded (and cached) under. */
  | { readonly type: 'identity-established'; readonly identity: CheckpointIdentity; readonly cacheUsed: boolean }
  /** The items of the run are being answered: `alreadyDone` came from the directory's earlier invocations. */
  | { readonly type: 'progress-start'; readonly total: number; readonly alreadyDone: number }
  /** One item answered (or failed for good: `failed`); the same two objects every time (ITEM_ANSWERED, ITEM_FAILED). */
  | ItemEndEvent
  /** An item's call failed in a way that may pass and is asked again after `delayMs` (the terminal shows none of these). */
  | RetryEvent
  /** Every item has been asked (or the run stopped); scoring comes next. */
  | { readonly type: 'progress-end' }
  /** The run stopped before its end, every answer kept (the error thrown next says the same): the same directory resumes it. */
  | RunStopEvent
  /** A run finished and its directory is written: the scores (or a test set's answers), the timing, the counts. */
  | { readonly type: 'run-end'; readonly outcome: AnyRunOutcome };

export interface ItemEndEvent {
  readonly type: 'item-end';
  readonly failed: boolean;
}

export interface RunStopEvent {
  readonly type: 'run-stop';
  /** A signal (SIGINT, SIGTERM) or an endpoint that failed every connection for the --dead-endpoint-after bound. */
  readonly reason: 'interrupted' | 'endpoint-unreachable';
  readonly message: string;
  readonly directory: string;
  readonly answered: number;
  readonly total: number;
}

export type { RetryEvent };

/** Receives every event of a run, in order; an app reporter (AppReporter) is one. */
export type RunReporter = (event: RunEvent) => void;

// one object each, not one per item: the runner emits thousands a second
export const ITEM_ANSWERED: ItemEndEvent = Object.freeze({ type: 'item-end', failed: false });
export const ITEM_FAILED: ItemEndEvent = Object.freeze({ type: 'item-end', failed: true });
