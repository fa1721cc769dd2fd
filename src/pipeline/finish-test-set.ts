import type { StreamedTestSet } from '../dataset/load-dataset';
import type { TestSetRow } from '../dataset/row';
import { formatLocation } from '../errors';
import { PredictionFilesWriter } from '../rundir/prediction-files';
import { parseKddCup2024 } from '../scoring/parsers/kddcup2024';
import { isUnparseable } from '../scoring/unparseable';
import type { RunTimingAccumulator } from '../budget/run-timing';
import type { ResponseEntries } from '../rundir/response-log-file';

const LISTED_PROBLEMS = 10;

/** Answers whose format the official parser would not read (a multiple-choice answer it reads as -1, ...). */
export interface FormatProblems {
  readonly count: number;
  /** The first ones, for the user to look at. */
  readonly examples: readonly { readonly id: string; readonly where: string; readonly output: string }[];
}

export interface TestSetResult {
  readonly items: number;
  readonly answered: number;
  readonly apiErrors: number;
  readonly nullContent: number;
  readonly formatProblems: FormatProblems;
}

/**
 * Writes a test-set run's predictions.jsonl and submission.jsonl in one pass over the rows (an unanswered row gets an
 * empty prediction, as the evaluator would record no answer), checks each answer's format with the official parser,
 * and feeds the timing.
 */
export async function finishTestSet(args: {
  readonly dataset: StreamedTestSet;
  readonly entries: ResponseEntries;
  readonly out: string;
  readonly timing: RunTimingAccumulator;
}): Promise<TestSetResult> {
  const writer = PredictionFilesWriter.open(args.out);
  let items = 0;
  let answered = 0;
  let nullContent = 0;
  let problems = 0;
  const examples: { id: string; where: string; output: string }[] = [];
  try {
    for await (const row of args.dataset.rowsInOrder()) {
      items += 1;
      const entry = args.entries.get(row.id);
      args.timing.add(row, entry);
      if (entry?.null_content === true) nullContent += 1;
      const output = entry?.output ?? null;
      writer.write({ id: row.id, output: output ?? '', isMultipleChoice: row.isMultipleChoice });
      if (output === null) continue;
      answered += 1;
      if (!readable(row, output)) {
        problems += 1;
        if (examples.length < LISTED_PROBLEMS) examples.push({ id: row.id, where: formatLocation(row.source), output });
      }
    }
    writer.publish();
  } catch (error) {
    writer.abort();
    throw error;
  }
  return { items, answered, apiErrors: items - answered, nullContent, formatProblems: { count: problems, examples } };
}

/** Whether the official parser reads the answer: by its task type when the row names one, else by is_multiple_choice. */
function readable(row: TestSetRow, output: string): boolean {
  const taskType = row.taskType ?? (row.isMultipleChoice ? 'multiple-choice' : undefined);
  if (taskType === undefined) return true; // open-ended text: any string is an answer
  return !isUnparseable(taskType, parseKddCup2024(taskType, output));
}
