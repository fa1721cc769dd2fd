import { mkdir } from 'node:fs/promises';
import type { StreamedDataset } from '../dataset/load-dataset';
import type { PredictionIndex } from '../dataset/prediction-index';
import { DatasetError, formatLocation, RunDirectoryError } from '../errors';
import type { RunSummary } from '../scoring/records';
import type { Embedders, ProfileName } from '../scoring/types';
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
  const writer = args.out === undefined ? undefined : await openItemsWriter(args.out);
  let summary: RunSummary;
  let scored;
  try {
    scored = await scoreRows({
      rows: args.dataset.rowsInOrder(),
      answerOf: (row) => {
        const output = args.predictions.output(row.id);
        return output === undefined ? undefined : { output };
      },
      profile: args.profile,
      resources: await loadScoringResources(args.dataset.metrics),
      ...embeddingOptions(args),
      onItem: (record) => writer?.write(record),
    });
    if (args.predictions.matchedCount === 0) throw await noMatch(args, scored.missingExamples[0]?.id ?? '');
    summary = buildSummary({ ...args, rows: scored.counts.items, scored, unknownPredictionIds: args.predictions.size - args.predictions.matchedCount });
    if (writer !== undefined) summary = publish(writer, summary);
  } catch (error) {
    writer?.abort();
    throw error;
  }
  const warnings: string[] = [];
  if (scored.counts.missing_predictions > 0) {
    const where = scored.missingExamples.map((row) => `"${row.id}" (${formatLocation(row.source)})`);
    warnings.push(`warning: ${scored.counts.missing_predictions} dataset rows have no prediction, e.g. ${where.join(', ')}; they were scored as empty outputs`);
  }
  const unknown = summary.counts.unknown_prediction_ids;
  if (unknown > 0) {
    const where = (await args.predictions.unmatched(3)).map((entry) => `"${entry.id}" (${formatLocation(entry.location)})`);
    warnings.push(`warning: ${unknown} predictions name ids not in the dataset, e.g. ${where.join(', ')}; they were ignored`);
  }
  const truthWarning = describeTruthNotes(scored.truthNotes);
  if (truthWarning !== undefined) warnings.push(truthWarning);
  return { summary, warnings };
}

async function openItemsWriter(out: string): Promise<ResultsWriter> {
  try {
    await mkdir(out, { recursive: true });
    return ResultsWriter.open(out);
  } catch (cause) {
    throw new RunDirectoryError(`cannot write results to ${out}: ${(cause as Error).message}`, { cause, hint: 'Check that the directory is writable, or choose another with --out.' });
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

/** Not one prediction names a dataset row: scoring would give a table of zeros, so this is a mistake to report. */
async function noMatch(args: ScorePredictionsArgs, exampleRowId: string): Promise<DatasetError> {
  const example = (await args.predictions.unmatched(1))[0];
  const detail = example === undefined ? `${args.predictions.path} has no predictions` : `none of the ${args.predictions.size} ids in ${args.predictions.path} (e.g. "${example.id}") is a row of ${args.dataset.path}`;
  return new DatasetError(detail, {
    hint: `Predictions must use the dataset's row ids (its "id" field, or the content ids shopeval derives, e.g. "${exampleRowId}"; see README: Row ids).`,
  });
}
