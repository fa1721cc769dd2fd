import type { Dataset } from '../dataset/load-dataset';
import type { Prediction } from '../dataset/load-predictions';
import { DatasetError, formatLocation } from '../errors';

/**
 * Not one prediction names a dataset row: scoring would give a table of zeros, so this is a mistake to report
 * (`shopeval score` and `shopeval run --provider replay` alike, before anything is written).
 */
export function checkPredictionsMatch(dataset: Dataset, predictions: ReadonlyMap<string, Prediction>, path: string): void {
  if (dataset.rows.some((row) => predictions.has(row.id))) return;
  const example = predictions.values().next().value as Prediction | undefined;
  const detail = example === undefined ? `${path} has no predictions` : `none of the ${predictions.size} ids in ${path} (e.g. "${example.id}") is a row of ${dataset.path}`;
  throw new DatasetError(detail, {
    hint: `Predictions must use the dataset's row ids (its "id" field, or the content ids shopeval derives, e.g. "${dataset.rows[0]?.id ?? ''}"; see README: Row ids).`,
  });
}

/**
 * The warnings both scoring paths give: rows without a prediction (scored as empty outputs) and predictions whose id
 * is not a row (ignored). `filtered`: the dataset is a selection (--tasks, --tracks, --limit), so an id outside it is
 * not unknown.
 */
export function predictionWarnings(dataset: Dataset, predictions: ReadonlyMap<string, Prediction>, filtered = false): string[] {
  const warnings: string[] = [];
  const missing = dataset.rows.filter((row) => !predictions.has(row.id));
  if (missing.length > 0) {
    const where = missing.slice(0, 3).map((row) => `"${row.id}" (${formatLocation(row.source)})`);
    warnings.push(`warning: ${missing.length} dataset rows have no prediction, e.g. ${where.join(', ')}; they were scored as empty outputs`);
  }
  if (filtered) return warnings;
  const known = new Set(dataset.rows.map((row) => row.id));
  const unknown = [...predictions.values()].filter((prediction) => !known.has(prediction.id));
  if (unknown.length > 0) {
    const where = unknown.slice(0, 3).map((prediction) => `"${prediction.id}" (${formatLocation(prediction.location)})`);
    warnings.push(`warning: ${unknown.length} predictions name ids not in the dataset, e.g. ${where.join(', ')}; they were ignored`);
  }
  return warnings;
}
