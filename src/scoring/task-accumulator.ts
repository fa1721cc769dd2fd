import type { MetricName, TaskType } from '../dataset/row';
import type { ItemScore } from './types';

/**
 * What one task's roll-up needs, kept as items stream by: item scores in a growable Float64Array (numpy's pairwise
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
  private scores = new Float64Array(64);
  private scoreCount = 0;

  constructor(first: { taskName: string; track: string; taskType: TaskType; metric: MetricName }) {
    this.taskName = first.taskName;
    this.track = first.track;
    this.taskType = first.taskType;
    this.metric = first.metric;
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
    return this.scores.subarray(0, this.scoreCount);
  }

  private push(value: number): void {
    if (this.scoreCount === this.scores.length) {
      const grown = new Float64Array(this.scores.length * 2);
      grown.set(this.scores);
      this.scores = grown;
    }
    this.scores[this.scoreCount] = value;
    this.scoreCount += 1;
  }
}
