import type { BudgetVerdict } from '../budget/time-budget';
import type { AnyRunOutcome } from '../pipeline/run-evaluation';
import type { RunSummary } from '../scoring/records';

/**
 * Everything a command tells its user, as data: the app functions (src/app) emit these to one reporter, in order.
 * The command line renders them on stdout and stderr (cli/terminal-reporter.ts); a program may attach its own.
 */
export type AppEvent =
  /** A note for the user: resume and --force decisions, which backend scores a semantic metric, skipped rows. */
  | { readonly type: 'notice'; readonly message: string }
  /** Something to check before trusting the figures (a dataset or comparison caveat); the results still stand. */
  | { readonly type: 'warning'; readonly message: string }
  /** A run is about to start writing into this directory. */
  | { readonly type: 'run-start'; readonly directory: string }
  /** The items of the run are being answered: `alreadyDone` came from the directory's earlier invocations. */
  | { readonly type: 'progress-start'; readonly total: number; readonly alreadyDone: number }
  /** One item answered (or failed for good: `failed`). */
  | { readonly type: 'item-end'; readonly failed: boolean }
  /** Every item has been asked (or the run stopped); scoring comes next. */
  | { readonly type: 'progress-end' }
  /** A run finished and its directory is written: the scores (or a test set's answers), the timing, the counts. */
  | { readonly type: 'run-end'; readonly outcome: AnyRunOutcome }
  /** A predictions file was scored; `detailsIn` is the summary.json written, when there is one. */
  | { readonly type: 'scores'; readonly summary: RunSummary; readonly detailsIn?: string }
  /** A rendered document for standard output (a report, comparison or leaderboard written to `-`). */
  | { readonly type: 'document'; readonly text: string }
  /** Files the command wrote, in the order written. */
  | { readonly type: 'files-written'; readonly paths: readonly string[] }
  /** The regression gate's verdict of a comparison. */
  | { readonly type: 'gate'; readonly message: string; readonly failed: boolean }
  /** The run's time against a competition budget (--time-budget). */
  | { readonly type: 'budget-verdict'; readonly verdict: BudgetVerdict }
  /** A check the user asked for failed (--max-error-rate, --fail-on-budget, --fail-on-regression): the command fails. */
  | { readonly type: 'check-failed'; readonly check: FailedCheck; readonly message?: string }
  /** One sentence's embedding (`shopeval embed`). */
  | {
      readonly type: 'embedding';
      readonly text: string;
      readonly dimension: number;
      readonly norm: number;
      readonly embedding: readonly number[];
    };

/** The checks whose failure makes a command fail (exit 1 on the command line). */
export type FailedCheck = 'max-error-rate' | 'time-budget' | 'regression';

/** Receives every event of a command, in order (vitest's reporters get lifecycle hooks the same way). */
export type AppReporter = (event: AppEvent) => void;

/** A reporter that drops everything: the app functions' default. */
export const SILENT_REPORTER: AppReporter = () => undefined;

/** What an app function reports back besides its events: whether a check the user asked for failed. */
export interface CheckedResult {
  readonly failed: boolean;
}
