import type { RunTimingAccumulator } from '../budget/run-timing';
import type { PredictionIndex } from '../dataset/prediction-index';
import { keepsAllRows, type DatasetFilter, type StreamedDataset } from '../dataset/load-dataset';
import type { ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { ResultsWriter } from '../rundir/publish-results';
import type { ScoringResources } from '../scoring/profiles/scoring-profile';
import type { RunSummary } from '../scoring/records';
import type { ProfileName } from '../scoring/types';
import { predictionWarnings } from './check-predictions';
import { describeTruthNotes } from './odd-truth-notes';
import type { ResponseEntries } from '../rundir/response-log-file';
import { buildSummary, embeddingOptions } from './score-outputs';
import { scoreRows } from './score-rows';
import { scoredOutput } from './scored-output';
import { LabelChoiceTally } from '../scoring/label-choice-tally';
import { getProfile } from '../scoring/profiles';
import type { ShopBenchRow } from '../dataset/row';
import { buildMessages } from '../prompting/build-request';
import { plannedItems, scoringRows, type PlannedItem } from './planned-item';
import type { PromptSettings } from './prompt-settings';
import { RepeatStatistics } from './repeat-statistics';
import { withRepeatMeans } from './with-repeat-means';

/** A run scores while its answers arrive: the scoring pass lets them in every this many rows (~2 ms of scoring). */
const TURN_EVERY = 32;

export interface ScoreLoggedAnswersArgs {
  readonly dataset: StreamedDataset;
  /** The run directory's response log: the answer (or API error) of each row. */
  readonly entries: ResponseEntries;
  /** The run directory items.jsonl and summary.json are published to. */
  readonly out: string;
  readonly profile: ProfileName;
  readonly filter: DatasetFilter;
  readonly resources: ScoringResources;
  readonly embeddings: ResolvedEmbedders;
  /** A replay run's predictions: unknown ids and missing rows are counted as `shopeval score` counts them. */
  readonly predictions?: PredictionIndex;
  /** --strip-reasoning: score the answers without their reasoning. */
  readonly stripReasoning?: boolean;
  /** Gathers each answer's latency and tokens (a run's timing figures). */
  readonly timing?: RunTimingAccumulator;
  /** The dataset's rows after filters (a repeated run has more items than rows). @default the items scored */
  readonly rowCount?: number;
  /** The run's prompt settings: its repeats (each row scored once per repeat) and few-shot examples (their ids recorded per item). */
  readonly prompt?: PromptSettings;
}

/**
 * Scores the logged answers (of `run`, `batch ingest` and `merge`) in one more pass over the rows, writing items.jsonl
 * as it goes. A row the source had no answer for (replay) is scored as a missing prediction exactly as `shopeval score` scores it, with the same warnings;
 * a replay file's ids outside the dataset are counted as `shopeval score` counts them (only without filters: a
 * filtered-out row is not an unknown id).
 */
export async function scoreLoggedAnswers(
  args: ScoreLoggedAnswersArgs,
): Promise<{ summary: RunSummary; nullContent: number; warnings: string[] }> {
  const { dataset, entries, predictions, embeddings, resources } = args;
  const writer = ResultsWriter.open(args.out);
  let nullContent = 0;
  const mcTally = new LabelChoiceTally();
  const prompt = args.prompt;
  const repeats = prompt?.repeats;
  const statistics = repeats === undefined ? undefined : new RepeatStatistics(repeats, getProfile(args.profile));
  const order: PlannedItem<ShopBenchRow>[] = []; // the items in flight through the scoring window, oldest first
  try {
    const scored = await scoreRows({
      turnEvery: TURN_EVERY,
      // a repeat's row carries its item key as id, so its logged answer is found by it
      rows: scoringRows(plannedItems(dataset.rowsInOrder(), repeats), order),
      answerOf: (row) => {
        predictions?.output(row.id); // marks the prediction as matched, as `shopeval score` does
        const entry = entries.get(row.id);
        args.timing?.add(row, entry);
        if (entry?.null_content === true) nullContent += 1;
        if (entry?.missing_prediction === true) return undefined;
        if (entry === undefined) return { output: null, apiError: 'not answered' };
        return entry.output !== null
          ? scoredOutput(entry, entry.output, args.stripReasoning === true)
          : { output: null, apiError: entry.error ?? 'unknown error' };
      },
      profile: args.profile,
      resources,
      ...embeddingOptions({ embedders: embeddings.embedders, embeddingUnavailable: embeddings.unavailable }),
      onItem: (record) => {
        const item = order.shift();
        const fewShotIds = item === undefined || prompt?.fewShot === undefined ? undefined : buildMessages(item.row, prompt).fewShotIds;
        const full =
          item === undefined
            ? record
            : {
                ...record,
                id: item.row.id,
                ...(item.repeat === undefined ? {} : { repeat: item.repeat }),
                ...(fewShotIds === undefined ? {} : { few_shot: fewShotIds }),
              };
        if (item?.repeat !== undefined) statistics?.add(full, item.repeat);
        mcTally.add(full);
        writer.write(full);
      },
    });
    const unfiltered = keepsAllRows(args.filter);
    const unknown = predictions !== undefined && unfiltered ? predictions.size - predictions.matchedCount : 0;
    const repeatFigures = statistics?.result(scored.taskScores);
    const built = buildSummary({
      dataset,
      profile: args.profile,
      rows: args.rowCount ?? scored.counts.items,
      scored: withRepeatMeans(scored, repeatFigures),
      unknownPredictionIds: unknown,
      embedders: embeddings.embedders,
      embeddingUnavailable: embeddings.unavailable,
    });
    const mcScoring = mcTally.summary();
    const summary = {
      ...built,
      ...(repeatFigures === undefined ? {} : { repeats: repeatFigures }),
      ...(mcScoring === undefined ? {} : { mc_scoring: mcScoring }),
    };
    const published = writer.publish(summary);
    const warnings =
      predictions === undefined
        ? []
        : await predictionWarnings({
            missing: scored.counts.missing_predictions,
            missingExamples: scored.missingExamples,
            unknown,
            predictions,
          });
    const truthWarning = describeTruthNotes(scored.truthNotes);
    if (truthWarning !== undefined) warnings.push(truthWarning);
    return { summary: published, nullContent, warnings };
  } catch (error) {
    writer.abort();
    throw error;
  }
}
