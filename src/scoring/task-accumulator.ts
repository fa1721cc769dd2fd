import type { MetricName, TaskType } from '../dataset/row';
import type { ItemScore } from './types';

/**
 * What one task's roll-up needs, kept as items stream by: item scores in a Float64Array grown by half (numpy's pairwise
 * mean needs every value, in order), summed tp/fp/fn for micro f1, counts, and the first error or unscored reason.
 * A million items cost 8 MB here instead of a million objects.
 */
export class TaskAccumulator {
  readonly taskName: string;
  readonly track: string;
  readonly taskType: TaskType;
  readonly metric: MetricName;
  n = 0;
  apiErrors = 0;
  unparseable = 0;
  missingPredictions = 0;
  /** Items with a score of any kind (not API errors). */
  answered = 0;
  tp = 0;
  fp = 0;
  fn = 0;
  /** The first `unscored` reason, and the first error other than NaN, as the original would stop on it. */
  unscoredReason: string | undefined;
  raised: string | undefined;
  nanItems = 0;
  private scores: Float64Array;
  private scoreCount = 0;
  private readonly keepScores: boolean;

  /**
   * `keepScores: false` counts the item scores but keeps none: a repeat's roll-up borrows its values from the pooled
   * scores (adoptScores) instead of holding a second copy of every score.
   */
  constructor(first: { taskName: string; track: string; taskType: TaskType; metric: MetricName }, options: { keepScores?: boolean } = {}) {
    this.taskName = first.taskName;
    this.track = first.track;
    this.taskType = first.taskType;
    this.metric = first.metric;
    this.keepScores = options.keepScores ?? true;
    this.scores = new Float64Array(this.keepScores ? 64 : 0);
  }

  /** How many item scores values() holds (NaN placeholders included). */
  get scoreLength(): number {
    return this.scoreCount;
  }

  /** Lends the item scores of an accumulator that keeps none, for one roll-up; `undefined` takes them back. */
  adoptScores(values: Float64Array | undefined): void {
    if (this.keepScores) throw new Error('adoptScores: this task accumulator keeps its own scores');
    if (values !== undefined && values.length !== this.scoreCount) {
      throw new Error(`adoptScores: task ${this.taskName} counted ${this.scoreCount} scores, given ${values.length}`);
    }
    this.scores = values ?? new Float64Array(0);
  }

  add(score: ItemScore | null, flags: { unparseable: boolean; missingPrediction: boolean }): void {
    this.n += 1;
    if (flags.unparseable) this.unparseable += 1;
    if (flags.missingPrediction) this.missingPredictions += 1;
    if (score === null) {
      this.apiErrors += 1;
      return;
    }
    this.answered += 1;
    switch (score.kind) {
      case 'value':
        return this.push(score.value);
      case 'counts':
        this.tp += score.tp;
        this.fp += score.fp;
        this.fn += score.fn;
        return this.push(Number.NaN); // keeps the item count; micro f1 never averages values
      case 'error':
        if (score.error === 'NaN') this.nanItems += 1;
        else this.raised ??= score.error;
        return this.push(Number.NaN);
      case 'unscored':
        this.unscoredReason ??= score.reason;
        return this.push(Number.NaN);
    }
  }

  /** The item scores in order (a view, not a copy). */
  values(): Float64Array {
    if (!this.keepScores && this.scores.length !== this.scoreCount) {
      throw new Error(`task ${this.taskName} keeps no scores: adoptScores() must lend them before the roll-up`);
    }
    return this.scores.subarray(0, this.scoreCount);
  }

  private push(value: number): void {
    if (!this.keepScores) {
      this.scoreCount += 1;
      return;
    }
    if (this.scoreCount === this.scores.length) {
      // by half, not doubling: a growth then holds 2.5x the scores (not 3x) and the slack averages a quarter, not half
      const grown = new Float64Array(Math.ceil(this.scores.length * 1.5));
      grown.set(this.scores);
      this.scores = grown;
    }
    this.scores[this.scoreCount] = value;
    this.scoreCount += 1;
  }
}
