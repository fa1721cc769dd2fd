import type { RunTimingAccumulator } from '../budget/run-timing';
import type { StreamedDataset } from '../dataset/load-dataset';
import type { ResponseEntries } from '../rundir/response-log-file';
import { gatedRows, type AnswerGate } from './answer-gate';
import type { PreparedRun } from './run-evaluation';
import { scoreLoggedAnswers } from './score-logged-answers';

export type LoggedAnswersScore = Awaited<ReturnType<typeof scoreLoggedAnswers>>;

export interface ScoringFollow {
  /** The response log the answers go to. */
  readonly entries: ResponseEntries;
  /** Lets a row through once its items are answered and logged. */
  readonly gate: AnswerGate;
  readonly timing: RunTimingAccumulator;
}

/**
 * A labelled run's scoring pass, started with the answering: it reads each row once the gate lets it through, so
 * scoring and writing items.jsonl happen while the endpoint works and only the last window is left after its last answer.
 * A stopped run aborts the gate: the pass then fails and publishes nothing.
 */
export async function scoreWhileAnswering(run: PreparedRun, dataset: StreamedDataset, follow: ScoringFollow): Promise<LoggedAnswersScore> {
  const { options } = run;
  return scoreLoggedAnswers({
    dataset: { ...dataset, rowsInOrder: () => gatedRows(dataset.rowsInOrder(), follow.gate, options.prompt.repeats) },
    entries: follow.entries,
    out: options.out,
    profile: options.profile,
    filter: options.filter ?? {},
    resources: await run.resources,
    embeddings: run.embeddings,
    stripReasoning: options.stripReasoning === true,
    timing: follow.timing,
    rowCount: run.total,
    prompt: options.prompt,
    ...(run.predictions === undefined ? {} : { predictions: run.predictions }),
  });
}
