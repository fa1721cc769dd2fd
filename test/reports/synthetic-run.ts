import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedRun } from '../../src/reports/load/load-run';
import type { ItemRecord, RunSummary, TaskSummary } from '../../src/scoring/records';
import { createSeededRandom } from '../../src/stats/seeded-random';

export const SYNTHETIC_TRACKS = ['track-a', 'track-b'] as const;

/** Whether item `index` of `task` is answered right, per run: a function so tests can derive runs from each other. */
export type Correctness = (task: string, index: number) => boolean;

/** Correct with probability `accuracy`, decided by a seeded PRNG per task (deterministic). */
export function randomCorrectness(accuracy: number, seed: number): Correctness {
  const cache = new Map<string, boolean[]>();
  return (task, index) => {
    let values = cache.get(task);
    if (!values) {
      const random = createSeededRandom(
        [...task].reduce((hash, character) => Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0, seed + 2166136261),
      );
      values = Array.from({ length: 10000 }, () => random() < accuracy);
      cache.set(task, values);
    }
    return values[index] ?? false;
  };
}

/** An accuracy-only run: `tasksPerTrack` tasks of `itemsPerTask` items in each of two tracks. */
export function syntheticRun(
  name: string,
  correct: Correctness,
  options: { itemsPerTask: number; tasksPerTrack: number; sha256?: string },
): LoadedRun {
  const items: ItemRecord[] = [];
  const tasks: TaskSummary[] = [];
  for (const track of SYNTHETIC_TRACKS) {
    for (let taskIndex = 0; taskIndex < options.tasksPerTrack; taskIndex += 1) {
      const taskName = `${track}-task${taskIndex}`;
      let sum = 0;
      for (let index = 0; index < options.itemsPerTask; index += 1) {
        const score = correct(taskName, index) ? 1 : 0;
        sum += score;
        items.push({
          id: `${taskName}-${index}`,
          task_name: taskName,
          track,
          task_type: 'multiple-choice',
          metric: 'accuracy',
          input: `question ${index}`,
          truth: 1,
          output: String(score === 1 ? 1 : 2),
          parsed: score === 1 ? 1 : 2,
          score,
          unparseable: false,
        });
      }
      tasks.push({
        task_name: taskName,
        track,
        task_type: 'multiple-choice',
        metric: 'accuracy',
        n: options.itemsPerTask,
        n_scored: options.itemsPerTask,
        score: sum / options.itemsPerTask,
        status: 'scored',
        api_errors: 0,
        unparseable: 0,
        missing_predictions: 0,
      });
    }
  }
  const tracks = SYNTHETIC_TRACKS.map((track) => {
    const members = tasks.filter((task) => task.track === track);
    return {
      track,
      n_tasks: members.length,
      score: members.reduce((total, task) => total + (task.score ?? 0), 0) / members.length,
      tasks_left_out: [],
    };
  });
  const summary: RunSummary = {
    schema_version: 1,
    profile: 'kddcup2024',
    dataset: { path: 'synthetic.jsonl', sha256: options.sha256 ?? 'f'.repeat(64), rows: items.length },
    tasks,
    tracks,
    overall: tracks.reduce((total, track) => total + (track.score ?? 0), 0) / tracks.length,
    all_tasks_mean: tasks.reduce((total, task) => total + (task.score ?? 0), 0) / tasks.length,
    left_out: [],
    counts: { items: items.length, scored: items.length, api_errors: 0, unparseable: 0, missing_predictions: 0, unknown_prediction_ids: 0 },
  };
  return { directory: name, name, manifest: { tags: {} }, summary, items };
}

/** Writes a run as a score directory (items.jsonl + summary.json). */
export function writeRun(directory: string, run: LoadedRun): string {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'items.jsonl'), run.items.map((item) => JSON.stringify(item)).join('\n') + '\n');
  writeFileSync(join(directory, 'summary.json'), JSON.stringify(run.summary, null, 2));
  return directory;
}
