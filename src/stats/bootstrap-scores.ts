import type { MetricName } from '../dataset/row';
import type { ScoringProfile } from '../scoring/profiles/scoring-profile';
import { type Contribution, contributionsScore, rollUp } from '../scoring/roll-up';
import { checkBootstrapOptions, DEFAULT_BOOTSTRAP, type BootstrapOptions } from './check-bootstrap-options';
import { createSeededRandom, resampleIndices } from './seeded-random';

export { DEFAULT_BOOTSTRAP, type BootstrapOptions };

/**
 * One task's items as seen by one or more runs: `sides[run][item]` with the same item order in every side,
 * so one draw of indices resamples the same items in every run (a paired bootstrap when there are two).
 */
export interface BootstrapTask {
  readonly taskName: string;
  readonly track: string;
  readonly metric: MetricName;
  readonly sides: readonly (readonly Contribution[])[];
}

/** Replicates per side: `tasks.get(name)[side][resample]`, likewise for tracks and overall. */
export interface BootstrapReplicates {
  readonly tasks: ReadonlyMap<string, number[][]>;
  readonly tracks: ReadonlyMap<string, number[][]>;
  readonly overall: number[][];
}

function emptySides(sideCount: number): number[][] {
  return Array.from({ length: sideCount }, () => []);
}

/**
 * Resamples items within each task; each resample is rolled up by the run's own rules (scoring/roll-up.ts): task
 * scores from the resampled items (micro-F1 from the resampled counts), tracks and overall from those, a task with no
 * counted item in a resample left out. Tasks are visited in the given order, so callers must pass a stable order.
 */
export function bootstrapScores(tasks: readonly BootstrapTask[], profile: ScoringProfile, options: BootstrapOptions): BootstrapReplicates {
  checkBootstrapOptions(options);
  const sideCount = Math.max(1, ...tasks.map((task) => task.sides.length));
  const random = createSeededRandom(options.seed);
  const taskReplicates = new Map<string, number[][]>(tasks.map((task) => [task.taskName, emptySides(sideCount)]));
  const trackNames = [...new Set(tasks.map((task) => task.track))];
  const trackReplicates = new Map<string, number[][]>(trackNames.map((track) => [track, emptySides(sideCount)]));
  const overall = emptySides(sideCount);

  for (let resample = 0; resample < options.resamples; resample += 1) {
    // each side's task scores of this resample, by task position (NaN: no score)
    const sides = Array.from({ length: sideCount }, () => new Array<number>(tasks.length).fill(Number.NaN));
    tasks.forEach((task, position) => {
      const size = task.sides[0]?.length ?? 0;
      const indices = resampleIndices(size, size, random);
      task.sides.forEach((contributions, side) => {
        const value = size > 0 ? contributionsScore(task.metric, contributions, profile, indices) : Number.NaN;
        taskReplicates.get(task.taskName)?.[side]?.push(value);
        const scores = sides[side];
        if (scores) scores[position] = value;
      });
    });
    sides.forEach((values, side) => {
      const rolled = rollUp(tasks.map((task, index) => ({ track: task.track, score: finiteOrNull(values[index]), failed: false })));
      for (const track of trackNames) trackReplicates.get(track)?.[side]?.push(rolled.tracks.get(track) ?? Number.NaN);
      overall[side]?.push(rolled.overall ?? Number.NaN);
    });
  }
  return { tasks: taskReplicates, tracks: trackReplicates, overall };
}

function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** Element-wise `candidate - baseline` of two replicate series (NaN propagates and is dropped later). */
export function differenceReplicates(baseline: readonly number[], candidate: readonly number[]): number[] {
  return candidate.map((value, index) => value - (baseline[index] ?? Number.NaN));
}
