import { aggregateTasks } from '../scoring/aggregate';
import { numpyMean } from '../scoring/numpy-mean';
import type { ScoringProfile } from '../scoring/profiles/scoring-profile';
import type { ItemRecord, RepeatFigures, RepeatsSummary } from '../scoring/records';
import { TaskAccumulator } from '../scoring/task-accumulator';
import type { ItemScore } from '../scoring/types';
import { RepeatTags } from './repeat-tags';

/** A task's pooled item scores (every repeat's, in stream order), as the run's own roll-up kept them. */
export type PooledScores = (taskName: string) => Float64Array | undefined;

/** What `spread` means in summary.json and the reports. */
export const REPEAT_SPREAD = 'sample standard deviation (n - 1) of the score across repeats';

/**
 * Per-repeat roll-ups and per-row agreement, fed the scored items of a repeated run in stream order (each row's
 * repeats one after another). Holds one counting accumulator per task and repeat, a repeat tag per item, and only the
 * current row's parsed answers: each repeat's item scores are picked from the pooled ones when rolled up, so a
 * million rows repeated three times keep their three million scores once.
 */
export class RepeatStatistics {
  private readonly perRepeat: Map<string, TaskAccumulator>[];
  private readonly tags = new Map<string, RepeatTags>();
  private readonly agreement = new Map<string, { rows: number; agreeing: number }>();
  private current: { id: string; task: string; parsed: Set<string>; usable: boolean; seen: number } | undefined;

  constructor(
    private readonly repeats: number,
    private readonly profile: ScoringProfile,
  ) {
    this.perRepeat = Array.from({ length: repeats }, () => new Map<string, TaskAccumulator>());
  }

  add(record: ItemRecord, repeat: number): void {
    const tasks = this.perRepeat[repeat];
    if (tasks === undefined) return;
    let task = tasks.get(record.task_name);
    if (task === undefined)
      tasks.set(
        record.task_name,
        (task = new TaskAccumulator(
          { taskName: record.task_name, track: record.track, taskType: record.task_type, metric: record.metric },
          { keepScores: false },
        )),
      );
    const score = scoreOf(record);
    task.add(score, { unparseable: record.unparseable, missingPrediction: record.missing_prediction === true });
    if (score !== null) this.tagsOf(record.task_name).push(repeat); // an API error adds no score to the pooled ones either
    if (this.current?.id !== record.id) {
      this.closeRow();
      this.current = { id: record.id, task: record.task_name, parsed: new Set(), usable: true, seen: 0 };
    }
    this.current.seen += 1;
    if (record.api_error !== undefined) this.current.usable = false;
    this.current.parsed.add(JSON.stringify(record.parsed));
  }

  /** The figures over repeats (each repeat's scores picked from `pooled`); the headline task scores are the mean over repeats. */
  result(pooled: PooledScores): RepeatsSummary {
    this.closeRow();
    const rollUps = this.perRepeat.map((tasks, repeat) => this.rollUp([...tasks.values()], repeat, pooled));
    const first = rollUps[0];
    const taskNames = first === undefined ? [] : first.tasks.map((task) => task.task_name);
    const tasks = taskNames.map((name) => {
      const scores = rollUps.map((rollUp) => rollUp.tasks.find((task) => task.task_name === name)?.score ?? null);
      const counts = this.agreement.get(name) ?? { rows: 0, agreeing: 0 };
      return {
        task_name: name,
        ...figures(scores),
        rows_compared: counts.rows,
        agreement: counts.rows === 0 ? null : counts.agreeing / counts.rows,
      };
    });
    const trackNames = first === undefined ? [] : first.tracks.map((track) => track.track);
    const tracks = trackNames.map((name) => ({
      track: name,
      ...figures(rollUps.map((rollUp) => rollUp.tracks.find((track) => track.track === name)?.score ?? null)),
    }));
    const all = [...this.agreement.values()].reduce(
      (sum, counts) => ({ rows: sum.rows + counts.rows, agreeing: sum.agreeing + counts.agreeing }),
      { rows: 0, agreeing: 0 },
    );
    return {
      count: this.repeats,
      spread: REPEAT_SPREAD,
      agreement: 'share of rows whose parsed answer is the same in every repeat (rows with an API error in any repeat are left out)',
      tasks,
      tracks,
      overall: {
        ...figures(rollUps.map((rollUp) => rollUp.overall)),
        rows_compared: all.rows,
        agreement: all.rows === 0 ? null : all.agreeing / all.rows,
      },
    };
  }

  /** One repeat's roll-up, its tasks lent their scores for the while (one repeat's copy at a time). */
  private rollUp(tasks: TaskAccumulator[], repeat: number, pooled: PooledScores): ReturnType<typeof aggregateTasks> {
    for (const task of tasks) {
      const scores = pooled(task.taskName) ?? new Float64Array(0);
      task.adoptScores(this.tagsOf(task.taskName).pick(scores, repeat, task.scoreLength));
    }
    try {
      return aggregateTasks(tasks, this.profile);
    } finally {
      for (const task of tasks) task.adoptScores(undefined);
    }
  }

  private tagsOf(taskName: string): RepeatTags {
    let tags = this.tags.get(taskName);
    if (tags === undefined) this.tags.set(taskName, (tags = new RepeatTags(this.repeats)));
    return tags;
  }

  private closeRow(): void {
    const row = this.current;
    this.current = undefined;
    if (row === undefined || !row.usable || row.seen < this.repeats) return;
    const counts = this.agreement.get(row.task) ?? { rows: 0, agreeing: 0 };
    this.agreement.set(row.task, { rows: counts.rows + 1, agreeing: counts.agreeing + (row.parsed.size === 1 ? 1 : 0) });
  }
}

/** Scores per repeat, their mean and spread; mean and spread are null unless every repeat has a score. */
function figures(scores: readonly (number | null)[]): RepeatFigures {
  const values = scores.filter((score): score is number => score !== null);
  if (values.length !== scores.length || values.length === 0) return { scores, mean: null, spread: null, min: null, max: null };
  const mean = numpyMean(values);
  const spread = values.length < 2 ? null : Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
  return { scores, mean, spread, min: Math.min(...values), max: Math.max(...values) };
}

/** The item's score as the roll-up takes it, read back from its record. */
function scoreOf(record: ItemRecord): ItemScore | null {
  if (record.api_error !== undefined) return null;
  if (record.error !== undefined) return { kind: 'error', error: record.error, message: '' };
  if (record.unscored !== undefined) return { kind: 'unscored', reason: record.unscored };
  if (record.tp !== undefined && record.fp !== undefined && record.fn !== undefined)
    return { kind: 'counts', tp: record.tp, fp: record.fp, fn: record.fn };
  return { kind: 'value', value: record.score ?? Number.NaN };
}
