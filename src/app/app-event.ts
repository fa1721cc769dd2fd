import type { BudgetVerdict } from '../budget/time-budget';
import type { ExportOutcome } from '../batch/export-batch';
import type { HostedBatchState } from '../batch/hosted-batch';
import type { RunOutcome } from '../pipeline/run-evaluation';
import type { RunEvent } from '../pipeline/run-event';
import type { MergeOutcome } from '../shards/merge-shards';
import type { CacheMaintenance } from './cache';
import type { RunSummary } from '../scoring/records';

/**
 * Everything a command tells its user, as data: the app functions (src/app) emit these to one reporter, in order.
 * The command line renders them on stdout and stderr (cli/terminal-reporter.ts); a program may attach its own.
 */
export type AppEvent =
  /** A run's events (src/pipeline/run-event.ts): notes, run-start, the checkpoint, progress, retries, run-stop, run-end. */
  | RunEvent
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
  /** The shards of one run were merged into one run directory (`shopeval merge`). */
  | { readonly type: 'shards-merged'; readonly outcome: MergeOutcome }
  /** A batch's requests file and its manifest were written (`shopeval batch export`). */
  | { readonly type: 'batch-exported'; readonly outcome: ExportOutcome }
  /** A finished batch's results became a run directory, scored (`shopeval batch ingest`). */
  | { readonly type: 'batch-ingested'; readonly outcome: RunOutcome }
  /** A hosted batch's state: just created (`submitted`, `shopeval batch submit`) or asked for (`shopeval batch status`). */
  | { readonly type: 'batch-state'; readonly state: HostedBatchState; readonly submitted: boolean }
  /** What `shopeval cache` found or did in the response cache directory. */
  | { readonly type: 'cache-maintained'; readonly directory: string; readonly result: CacheMaintenance }
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
