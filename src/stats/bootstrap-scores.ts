import { checkBootstrapOptions, DEFAULT_BOOTSTRAP, type BootstrapOptions } from './check-bootstrap-options';
import { createSeededRandom, resampleIndices } from './seeded-random';
import { type Contribution, meanOfFinite, taskStatistic } from './task-statistic';

export { DEFAULT_BOOTSTRAP, type BootstrapOptions };

/**
 * One task's items as seen by one or more runs: `sides[run][item]` with the same item order in every side,
 * so one draw of indices resamples the same items in every run (a paired bootstrap when there are two).
 */
export interface BootstrapTask {
  readonly taskName: string;
  readonly track: string;
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
 * Resamples items within each task; task scores are recomputed from the resampled items (micro-F1 from the
 * resampled counts), track scores are the mean of their tasks, overall the mean of the tracks.
 * Tasks are visited in the given order, so callers must pass a stable order for reproducibility.
 */
export function bootstrapScores(tasks: readonly BootstrapTask[], options: BootstrapOptions): BootstrapReplicates {
  checkBootstrapOptions(options);
  const sideCount = Math.max(1, ...tasks.map((task) => task.sides.length));
  const random = createSeededRandom(options.seed);
  const taskReplicates = new Map<string, number[][]>(tasks.map((task) => [task.taskName, emptySides(sideCount)]));
  const trackNames = [...new Set(tasks.map((task) => task.track))];
  const trackReplicates = new Map<string, number[][]>(trackNames.map((track) => [track, emptySides(sideCount)]));
  const overall = emptySides(sideCount);

  for (let resample = 0; resample < options.resamples; resample += 1) {
    const trackScores = new Map<string, number[][]>(trackNames.map((track) => [track, emptySides(sideCount)]));
    for (const task of tasks) {
      const size = task.sides[0]?.length ?? 0;
      const indices = resampleIndices(size, size, random);
      task.sides.forEach((contributions, side) => {
        const value = size > 0 ? taskStatistic(contributions, indices) : Number.NaN;
        taskReplicates.get(task.taskName)?.[side]?.push(value);
        trackScores.get(task.track)?.[side]?.push(value);
      });
    }
    for (let side = 0; side < sideCount; side += 1) {
      const trackValues = trackNames.map((track) => {
        const value = meanOfFinite(trackScores.get(track)?.[side] ?? []);
        trackReplicates.get(track)?.[side]?.push(value);
        return value;
      });
      overall[side]?.push(meanOfFinite(trackValues));
    }
  }
  return { tasks: taskReplicates, tracks: trackReplicates, overall };
}

/** Element-wise `candidate - baseline` of two replicate series (NaN propagates and is dropped later). */
export function differenceReplicates(baseline: readonly number[], candidate: readonly number[]): number[] {
  return candidate.map((value, index) => value - (baseline[index] ?? Number.NaN));
}
