import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ShopBenchRow } from '../dataset/row';
import { aggregateTasks, type Aggregates } from '../scoring/aggregate';
import { metricNeeds } from '../scoring/metrics/registry';
import { getProfile } from '../scoring/profiles';
import type { ScoringResources } from '../scoring/profiles/scoring-profile';
import { CompletenessCounter } from '../scoring/completeness';
import type { Completeness, ItemRecord, RowNote } from '../scoring/records';
import { TaskAccumulator } from '../scoring/task-accumulator';
import type { Embedders, ProfileName, ScoredItem } from '../scoring/types';
import { formatLocation } from '../errors';
import { itemRecord } from './item-record';
import { scoreSemanticItems } from './score-semantic';
import type { ItemOutput } from './score-outputs';

/** Rows scored together: the semantic ones of a window are embedded in one batch; nothing else waits. */
const WINDOW = 256;
/** Rows listed one by one in summary.json's truth_warnings; the rest are counted. */
const LISTED_NOTES = 50;

export interface ScoreRowsArgs {
  readonly rows: AsyncIterable<ShopBenchRow> | Iterable<ShopBenchRow>;
  /** The row's answer; undefined when the source had none (a missing prediction, scored as an empty output). */
  readonly answerOf: (row: ShopBenchRow) => ItemOutput | undefined;
  readonly profile: ProfileName;
  readonly resources: ScoringResources;
  readonly embedders?: Embedders;
  readonly embeddingUnavailable?: Partial<Record<string, string>>;
  /** Each item's record, in dataset order, as soon as it is scored (written to items.jsonl, or kept). */
  readonly onItem: (record: ItemRecord) => void | Promise<void>;
  /**
   * Let the event loop take a turn every this many row steps (a row counts as it is scored and again as it is
   * recorded): a run scores while its answers arrive, and a 256-row window scored in one block (15-25 ms) kept the
   * sockets' answers, and so the refills, waiting. Unset: no turns (`score`).
   */
  readonly turnEvery?: number;
}

export interface ScoredRows {
  readonly aggregates: Aggregates;
  readonly counts: {
    readonly items: number;
    readonly scored: number;
    readonly api_errors: number;
    readonly unparseable: number;
    readonly missing_predictions: number;
  };
  readonly truthNotes: { readonly count: number; readonly rows: readonly RowNote[] };
  /** The first few rows without an answer, for the warning. */
  readonly missingExamples: readonly ShopBenchRow[];
  /** Answered items overall and per track (a run with API errors is partial). */
  readonly completeness: Completeness;
  /** A task's item scores in stream order, as its roll-up took them (a repeated run picks each repeat's from them). */
  readonly taskScores: (taskName: string) => Float64Array | undefined;
}

/**
 * Scores rows as they stream by and rolls them up, keeping per task only what the roll-up needs: the one scoring
 * loop behind `score`, `run` and the library's scoreOutputs.
 */
export async function scoreRows(args: ScoreRowsArgs): Promise<ScoredRows> {
  const profile = getProfile(args.profile);
  const tasks = new Map<string, TaskAccumulator>();
  const counts = { items: 0, scored: 0, api_errors: 0, unparseable: 0, missing_predictions: 0 };
  const notes: RowNote[] = [];
  let noteCount = 0;
  const missingExamples: ShopBenchRow[] = [];
  const completeness = new CompletenessCounter();
  let window: ShopBenchRow[] = [];
  let rowsSinceTurn = 0;
  const turnEvery = args.turnEvery ?? Number.POSITIVE_INFINITY;
  /** True once turnEvery rows went by since the last turn (never without turnEvery: no promise per row). */
  const turnDue = (): boolean => {
    rowsSinceTurn += 1;
    if (rowsSinceTurn < turnEvery) return false;
    rowsSinceTurn = 0;
    return true;
  };
  const flush = async (): Promise<void> => {
    // the window's answers and items, position by position
    const outputs: (ItemOutput | undefined)[] = [];
    const scored: (ScoredItem | null)[] = [];
    let semantic = false;
    for (const row of window) {
      if (turnDue()) await nextTurn();
      const answer = args.answerOf(row);
      outputs.push(answer);
      scored.push(answer !== undefined && answer.output === null ? null : profile.scoreItem(row, answer?.output ?? '', args.resources));
      semantic ||= metricNeeds(row.metric, 'embeddings');
    }
    if (semantic) await scoreSemanticItems({ rows: window, outputs, profile, scored, ...semanticOptions(args) });
    for (const [position, row] of window.entries()) {
      const answer = outputs[position];
      const item = scored[position] ?? null;
      const record = itemRecord(row, answer, item);
      let task = tasks.get(row.taskName);
      if (task === undefined) tasks.set(row.taskName, (task = new TaskAccumulator(row)));
      task.add(item?.score ?? null, { unparseable: record.unparseable, missingPrediction: answer === undefined });
      counts.items += 1;
      completeness.add(record);
      if (record.score !== null || record.tp !== undefined) counts.scored += 1;
      if (record.api_error !== undefined) counts.api_errors += 1;
      if (record.unparseable) counts.unparseable += 1;
      if (answer === undefined) {
        counts.missing_predictions += 1;
        if (missingExamples.length < 3) missingExamples.push(row);
      }
      if (item?.truthNote !== undefined) {
        noteCount += 1;
        if (notes.length < LISTED_NOTES) notes.push({ row: formatLocation(row.source), reason: item.truthNote });
      }
      const written = args.onItem(record);
      if (written !== undefined) await written; // a writer that waits (run's) is awaited; a synchronous one costs no turn
      if (turnDue()) await nextTurn();
    }
    window = [];
  };
  for await (const row of args.rows) {
    window.push(row);
    if (window.length >= WINDOW) await flush();
  }
  await flush();
  return {
    aggregates: aggregateTasks([...tasks.values()], profile),
    counts,
    truthNotes: { count: noteCount, rows: notes },
    missingExamples,
    completeness: completeness.result(),
    taskScores: (taskName) => tasks.get(taskName)?.values(),
  };
}

function semanticOptions(args: ScoreRowsArgs): { embedders?: Embedders; embeddingUnavailable?: Partial<Record<string, string>> } {
  return {
    ...(args.embedders ? { embedders: args.embedders } : {}),
    ...(args.embeddingUnavailable ? { embeddingUnavailable: args.embeddingUnavailable } : {}),
  };
}
