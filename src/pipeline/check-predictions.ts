import type { StreamedRows } from '../dataset/load-dataset';
import type { PromptRow } from '../dataset/row';
import type { PredictionIndex } from '../dataset/prediction-index';
import { QuestionIds } from '../dataset/question-ids';
import type { ShopBenchRow } from '../dataset/row';
import { DatasetError, formatLocation } from '../errors';

/**
 * Not one prediction names a dataset row: scoring would give a table of zeros, so this is a mistake to report
 * (`shopeval score` and `shopeval run --provider replay` alike, before anything is written). Streams the rows until
 * one matches, which is usually the first.
 */
export async function checkPredictionsMatch(dataset: StreamedRows<PromptRow>, predictions: PredictionIndex): Promise<void> {
  let firstRowId = '';
  const questions = predictions.hasQuestionIds ? new QuestionIds() : undefined;
  for await (const row of dataset.rowsInOrder()) {
    if (firstRowId === '') firstRowId = row.id;
    const question = questions?.next(row.input);
    if (predictions.has(row.id) || (question !== undefined && predictions.has(question))) return;
  }
  throw await noRowPredictedError(dataset, predictions, firstRowId);
}

/** The error for predictions that name no row of the dataset, with one of their ids and the dataset's first. */
export async function noRowPredictedError(
  dataset: { readonly path: string },
  predictions: PredictionIndex,
  firstRowId: string,
): Promise<DatasetError> {
  const example = (await predictions.unmatched(1))[0];
  const detail =
    example === undefined
      ? `${predictions.path} has no predictions`
      : `none of the ${predictions.size} ids in ${predictions.path} (e.g. "${example.id}") is a row of ${dataset.path}`;
  return new DatasetError(detail, {
    hint: `Predictions must use the dataset's row ids (its "id" field, or the content ids shopeval derives, e.g. "${firstRowId}", or a test-set run's question ids; see README: Row ids).`,
  });
}

/**
 * The warnings both scoring paths give: rows without a prediction (scored as empty outputs) and predictions whose id
 * is not a row (ignored; counted only without filters, since a filtered-out row is not an unknown id).
 */
export async function predictionWarnings(args: {
  readonly missing: number;
  readonly missingExamples: readonly ShopBenchRow[];
  readonly unknown: number;
  readonly predictions: PredictionIndex;
}): Promise<string[]> {
  const warnings: string[] = [];
  if (args.missing > 0) {
    const where = args.missingExamples.map((row) => `"${row.id}" (${formatLocation(row.source)})`);
    warnings.push(`${args.missing} dataset rows have no prediction, e.g. ${where.join(', ')}; they were scored as empty outputs`);
  }
  if (args.unknown > 0) {
    const where = (await args.predictions.unmatched(3)).map((entry) => `"${entry.id}" (${formatLocation(entry.location)})`);
    warnings.push(`${args.unknown} predictions name ids not in the dataset, e.g. ${where.join(', ')}; they were ignored`);
  }
  return warnings;
}
