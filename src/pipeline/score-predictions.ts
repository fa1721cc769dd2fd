import { mkdir } from 'node:fs/promises';
import type { StreamedDataset } from '../dataset/load-dataset';
import type { ShopBenchRow } from '../dataset/row';
import type { ScoringResources } from '../scoring/profiles/scoring-profile';
import type { PredictionIndex } from '../dataset/prediction-index';
import { QuestionIds } from '../dataset/question-ids';
import { RunDirectoryError } from '../errors';
import type { RunSummary } from '../scoring/records';
import type { Embedders, ProfileName } from '../scoring/types';
import { checkPredictionsMatch, predictionWarnings } from './check-predictions';
import { describeTruthNotes } from './odd-truth-notes';
import { buildSummary, embeddingOptions, loadScoringResources } from './score-outputs';
import { scoreRows } from './score-rows';
import { ResultsWriter } from '../rundir/publish-results';

export interface ScorePredictionsArgs {
  readonly dataset: StreamedDataset;
  readonly predictions: PredictionIndex;
  readonly profile: ProfileName;
  readonly embedders?: Embedders;
  readonly embeddingUnavailable?: Partial<Record<string, string>>;
  /** Write items.jsonl (streamed) and summary.json here; nothing is written when scoring fails. */
  readonly out?: string;
  /** Told each item once it is scored (and written): progress. */
  readonly onScored?: () => void;
}

export interface ScorePredictionsResult {
  readonly summary: RunSummary;
  /** Warnings for the user (missing and unknown ids, odd truths), each one message. */
  readonly warnings: readonly string[];
}

/**
 * `shopeval score` in constant memory: the dataset's rows stream from disk, each prediction is read back from its
 * file by offset, each item is written to items.jsonl as it is scored, and only the roll-up's needs stay in memory.
 */
export async function scorePredictions(args: ScorePredictionsArgs): Promise<ScorePredictionsResult> {
  await checkPredictionsMatch(args.dataset, args.predictions); // before anything is written
  // a test-set run's predictions carry question ids; deriving them for every row costs a hash and an index entry each
  const questions = args.predictions.hasQuestionIds ? new QuestionIds(rowCount(args.dataset)) : undefined;
  const scored = await scoreStream({
    ...args,
    rows: args.dataset.rowsInOrder(),
    answerOf: (row) => {
      const question = questions?.next(row.input); // every row, in order: repeats count as the test set's reader counts them
      // a test-set run's predictions carry question ids: the labelled rows find them by their prompt
      return args.predictions.output(row.id) ?? (question === undefined ? undefined : args.predictions.output(question));
    },
    resources: await loadScoringResources(args.dataset.metrics),
    datasetAfterwards: () => Promise.resolve(args.dataset),
  });
  if (scored === undefined) throw new Error('the dataset was known before scoring'); // cannot happen: datasetAfterwards always gives it
  return scored;
}

export interface StreamScoringArgs extends Omit<ScorePredictionsArgs, 'dataset'> {
  readonly rows: AsyncIterable<ShopBenchRow>;
  /** The row's predicted output, or undefined when the predictions have none. */
  readonly answerOf: (row: ShopBenchRow) => string | undefined;
  readonly resources: ScoringResources;
  /** The dataset once every row is read (its identity goes into the summary); undefined drops the results unpublished. */
  readonly datasetAfterwards: () => Promise<StreamedDataset | undefined>;
}

/** Scores streamed rows into items.jsonl and publishes the summary: the loop both ways of scoring a file share. */
export async function scoreStream(args: StreamScoringArgs): Promise<ScorePredictionsResult | undefined> {
  const writer = args.out === undefined ? undefined : await openItemsWriter(args.out);
  let summary: RunSummary;
  let scored;
  try {
    scored = await scoreRows({
      rows: args.rows,
      answerOf: (row) => {
        const output = args.answerOf(row);
        return output === undefined ? undefined : { output };
      },
      profile: args.profile,
      resources: args.resources,
      ...embeddingOptions(args),
      onItem: (record) => {
        writer?.write(record);
        args.onScored?.();
      },
    });
    const dataset = await args.datasetAfterwards();
    if (dataset === undefined) {
      writer?.abort();
      return undefined;
    }
    summary = buildSummary({
      ...args,
      dataset,
      rows: scored.counts.items,
      scored,
      unknownPredictionIds: args.predictions.size - args.predictions.matchedCount,
    });
    if (writer !== undefined) summary = publish(writer, summary);
  } catch (error) {
    writer?.abort();
    throw error;
  }
  const warnings = await predictionWarnings({
    missing: scored.counts.missing_predictions,
    missingExamples: scored.missingExamples,
    unknown: summary.counts.unknown_prediction_ids,
    predictions: args.predictions,
  });
  const truthWarning = describeTruthNotes(scored.truthNotes);
  if (truthWarning !== undefined) warnings.push(truthWarning);
  return { summary, warnings };
}

function rowCount(dataset: StreamedDataset): number {
  return dataset.files.reduce((sum, file) => sum + file.rows, 0);
}

async function openItemsWriter(out: string): Promise<ResultsWriter> {
  try {
    await mkdir(out, { recursive: true });
    return ResultsWriter.open(out);
  } catch (cause) {
    throw new RunDirectoryError(`cannot write results to ${out}: ${(cause as Error).message}`, {
      cause,
      hint: 'Check that the directory is writable, or choose another with --out.',
    });
  }
}

/** items.jsonl and summary.json appear as one set (a reader takes a summary as the sign of a finished score). */
function publish(writer: ResultsWriter, summary: RunSummary): RunSummary {
  try {
    return writer.publish(summary);
  } catch (cause) {
    throw new RunDirectoryError(`cannot write results to ${writer.directory}: ${(cause as Error).message}`, {
      cause,
      hint: 'Check that the directory is writable and the disk has space, or choose another with --out.',
    });
  }
}
