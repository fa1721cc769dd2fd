import { labelledOnly, openDataset, scanRunDataset, type DatasetOptions, type StreamedDataset } from '../dataset/load-dataset';
import { PredictionIndex } from '../dataset/prediction-index';
import type { DatasetRow, ShopBenchRow } from '../dataset/row';
import type { ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { metricDefinition, metricNeeds } from '../scoring/metrics/registry';
import type { JapaneseTokenizer } from '../scoring/text/japanese-tokenizer';
import { loadJapaneseTokenizer } from '../scoring/text/japanese-tokenizer';
import type { ProfileName } from '../scoring/types';
import { noRowPredictedError } from './check-predictions';
import { scorePredictions, scoreStream, type ScorePredictionsResult } from './score-predictions';
import { ProgressTracker, type ScoreProgress } from './score-progress';

export interface ScoreDatasetFileArgs {
  /** The labelled dataset: a file, or a folder of .json/.jsonl files. */
  readonly data: string;
  readonly datasetOptions?: DatasetOptions;
  /** The predictions file (JSON Lines or a JSON array of {"id", "output"}). */
  readonly predictions: string;
  readonly profile: ProfileName;
  /** Write items.jsonl (streamed) and summary.json here; nothing is written when scoring fails. */
  readonly out?: string;
  /** The embedders of the dataset's semantic metrics, resolved once its metrics are known (a dataset with some is read twice). */
  readonly embeddersFor: (dataset: StreamedDataset) => Promise<ResolvedEmbedders>;
  /** Told how the scoring goes (a long score shows progress). */
  readonly progress?: ScoreProgress;
}

export interface ScoredDatasetFile extends ScorePredictionsResult {
  readonly dataset: StreamedDataset;
}

/**
 * `shopeval score` of a dataset file against a predictions file, reading the dataset once where it can: its rows are
 * scored as the validating pass reads them (items.jsonl is written to a temporary file that only a valid dataset
 * publishes). A dataset that only its whole pass can settle (invalid rows refused, folder files whose unnamed rows mix
 * metrics, semantic metrics whose embedders are resolved first, test-set question ids) is validated, then scored in
 * a second pass as before.
 */
export async function scoreDatasetFile(args: ScoreDatasetFileArgs): Promise<ScoredDatasetFile> {
  let predictions: PredictionIndex;
  try {
    predictions = await PredictionIndex.open(args.predictions);
  } catch (error) {
    await openDataset(args.data, {}, args.datasetOptions ?? {}); // a bad dataset is reported first, as when it was read first
    throw error;
  }
  const progress = new ProgressTracker(args.progress);
  try {
    const once = await scoreInValidatingPass(args, predictions, progress);
    if ('summary' in once) return once;
    const { embedders, unavailable } = await args.embeddersFor(once.dataset);
    progress.restart(once.dataset.files.reduce((sum, file) => sum + file.rows, 0));
    const result = await scorePredictions({
      dataset: once.dataset,
      predictions,
      profile: args.profile,
      embedders,
      embeddingUnavailable: unavailable,
      ...(args.out === undefined ? {} : { out: args.out }),
      onScored: progress.scored,
    });
    return { ...result, dataset: once.dataset };
  } finally {
    progress.finished();
    predictions.close();
  }
}

/** What the validating pass learnt while its rows were scored. */
interface PassState {
  /** Still scoring the rows as they come (false once a row needs a second pass). */
  scoring: boolean;
  firstRowId: string | undefined;
  readonly resources: { japanese?: JapaneseTokenizer };
}

/** The scored results when the pass could score the dataset, else the validated dataset for a second pass. */
async function scoreInValidatingPass(
  args: ScoreDatasetFileArgs,
  predictions: PredictionIndex,
  progress: ProgressTracker,
): Promise<ScoredDatasetFile | { readonly dataset: StreamedDataset }> {
  const scan = scanRunDataset(args.data, {}, args.datasetOptions ?? {}, { expectedRows: (count) => (progress.expected = count) });
  const state: PassState = { scoring: !predictions.hasQuestionIds, firstRowId: undefined, resources: {} };
  let scanned: { dataset: StreamedDataset; rowsFinal: boolean } | undefined;
  const rows = async function* (): AsyncGenerator<ShopBenchRow> {
    for (;;) {
      const step = await scan.next();
      if (step.done === true) {
        scanned = { dataset: labelledOnly(step.value.opened), rowsFinal: step.value.rowsFinal };
        return;
      }
      const row = step.value;
      state.firstRowId ??= row.id;
      if (!state.scoring || !scorableNow(row, state)) continue;
      // the Japanese dictionary is loaded at the first jp-bleu row (a test per row, not an await per row)
      if (state.resources.japanese === undefined && metricDefinition(row.metric).needs === 'japanese-tokenizer')
        state.resources.japanese = await loadJapaneseTokenizer();
      yield row;
    }
  };
  const result = await scoreStream({
    rows: rows(),
    answerOf: (row) => predictions.output(row.id),
    predictions,
    profile: args.profile,
    resources: state.resources,
    embedders: {},
    embeddingUnavailable: {},
    ...(args.out === undefined ? {} : { out: args.out }),
    onScored: progress.scored,
    datasetAfterwards: async () => {
      if (scanned === undefined) throw new Error('the dataset pass ended before its last row'); // cannot happen: the rows ran out
      if (!state.scoring || !scanned.rowsFinal) return undefined;
      if (predictions.matchedCount === 0) throw await noRowPredictedError(scanned.dataset, predictions, state.firstRowId ?? '');
      return scanned.dataset;
    },
  });
  if (scanned === undefined) throw new Error('the dataset pass ended before its last row');
  return result === undefined ? { dataset: scanned.dataset } : { ...result, dataset: scanned.dataset };
}

/** Whether this pass can score the row now; if not, the pass stops scoring. */
function scorableNow(row: DatasetRow, state: PassState): row is ShopBenchRow {
  // a test-set row is refused at the end; a semantic metric's embedders are resolved before any scoring
  if ('truth' in row && !metricNeeds(row.metric, 'embeddings')) return true;
  state.scoring = false;
  return false;
}
