import type { RunTiming } from '../budget/run-timing';
import type { CacheStatistics } from '../providers/middleware/cache-middleware';
import type { RunManifest } from '../rundir/manifest-file';
import type { RunSummary } from '../scoring/records';
import type { FormatProblems } from './finish-test-set';

/** What every run reports, scored or not. */
interface RunOutcomeBase {
  readonly directory: string;
  readonly manifest: RunManifest;
  /** Items scored and written to items.jsonl (read it for the items themselves: a million do not fit in memory). */
  readonly itemCount: number;
  readonly summary: RunSummary;
  /** Items requested in this invocation (the rest came from the response log). */
  readonly requested: number;
  readonly apiErrors: number;
  /** Answers the server sent as null text (scored as empty outputs, counted apart from well-formed empty answers). */
  readonly nullContent: number;
  /** This invocation's cache hits and misses (the manifest holds the totals over resumes); undefined when the cache was not used. */
  readonly cache: CacheStatistics | undefined;
  /** Latency and token figures per task, track and overall, and the batches (also in the manifest). */
  readonly timing: RunTiming;
}

/** A labelled dataset's run: answered and scored. */
export interface RunOutcome extends RunOutcomeBase {
  readonly kind: 'scored';
}

/** A test set's run: answered, unscored; predictions.jsonl and submission.jsonl hold the answers. */
export interface TestSetRunOutcome extends Omit<RunOutcomeBase, 'summary'> {
  readonly kind: 'test-set';
  /** Answers the official parser would not read (e.g. a multiple-choice answer read as -1). */
  readonly formatProblems: FormatProblems;
}

/** A run of any dataset: `kind` says whether it was scored. */
export type AnyRunOutcome = RunOutcome | TestSetRunOutcome;
