import { timeBudgetVerdict } from '../budget/time-budget';
import type { EmbeddingOptions } from '../embeddings/resolve-embedders';
import { runDataset, type AnyRunOutcome, type RunEvaluationOptions } from '../pipeline/run-evaluation';
import { defaultModelName } from '../providers/registry';
import { SILENT_REPORTER, type AppReporter, type CheckedResult } from './app-event';
import { resolveDatasetEmbedders } from './dataset-embedders';
import { defaultRunDirectory } from './default-run-directory';

/** What `run` takes: the pipeline's options, with the run directory defaulted and the checks that decide failure. */
export interface RunOptions extends Omit<RunEvaluationOptions, 'out' | 'reporter' | 'resolveEmbedders'> {
  /** The run directory; an existing one is resumed. @default runs/<model>-<UTC time> */
  readonly out?: string;
  /** The embedding backends of the dataset's semantic metrics (resolved only for the metrics it uses). @default the library's */
  readonly embedding?: EmbeddingOptions;
  /** Fail when the share of items that ended in API errors exceeds this (0.05 means 5%). @default 0 */
  readonly maxErrorRate?: number;
  /** With budget.name: the test items the time-budget verdict projects to. @default SHOPBENCH_FACTS.testItemsAbout */
  readonly budgetTestItems?: number;
  /** With budget.name: fail when the verdict finds a limit broken. @default false */
  readonly failOnBudget?: boolean;
}

export interface RunResult extends CheckedResult {
  readonly outcome: AnyRunOutcome;
}

/** The run directory `run` writes when `out` is not given (named after the model, or the provider without one). */
export function runDirectoryOf(options: Pick<RunOptions, 'out' | 'provider' | 'providers'>): string {
  const { provider } = options;
  return options.out ?? defaultRunDirectory(provider.model ?? defaultModelName(provider.provider, options.providers) ?? provider.provider);
}

/**
 * Answers every row through the model and scores the answers (a test set: unscored predictions), resuming the run
 * directory; then applies the checks the caller asked for. Events: the run's own (RunEvent: notices, run-start once the
 * inputs are accepted, progress, run-end), then the budget verdict and failed checks. A stop (RunInterruptedError,
 * EndpointUnreachableError, told first as run-stop) keeps every answer.
 */
export async function run(options: RunOptions, reporter: AppReporter = SILENT_REPORTER): Promise<RunResult> {
  const { embedding, maxErrorRate, budgetTestItems, failOnBudget, ...evaluation } = options;
  const outcome = await runDataset({
    ...evaluation,
    out: runDirectoryOf(options),
    reporter,
    resolveEmbedders: (dataset) => resolveDatasetEmbedders(dataset, embedding ?? {}, reporter),
  });
  let failed = false;
  const errorRate = outcome.itemCount === 0 ? 0 : outcome.apiErrors / outcome.itemCount;
  const limit = maxErrorRate ?? 0;
  if (errorRate > limit) {
    failed = true;
    reporter({
      type: 'check-failed',
      check: 'max-error-rate',
      message: `API error rate ${(errorRate * 100).toFixed(2)}% exceeds --max-error-rate ${limit}; run again with --out ${outcome.directory} to retry them`,
    });
  }
  const budget = options.budget?.name;
  if (budget === undefined) return { outcome, failed };
  const verdict = timeBudgetVerdict(outcome.timing, {
    budget,
    scale: options.budget?.scale ?? 1,
    ...(budgetTestItems === undefined ? {} : { testItems: budgetTestItems }),
  });
  reporter({ type: 'budget-verdict', verdict });
  if (verdict.broken && failOnBudget === true) {
    failed = true;
    reporter({ type: 'check-failed', check: 'time-budget' });
  }
  return { outcome, failed };
}
