import { ShopevalError } from '../../errors';
import { describeTrack, namesTrack } from '../../dataset/track-names';
import type { RunReport, ScoreWithInterval } from './report-document';
import type { TimingFigures } from '../../budget/run-timing';

/** The run's overall latency and token figures a leaderboard can rank or pivot on; for some, lower is better. */
export const TIMING_KEYS = {
  'latency-p50': { lowerIsBetter: true, read: (figures: TimingFigures) => figures.latency_ms?.p50 ?? null },
  'latency-p95': { lowerIsBetter: true, read: (figures: TimingFigures) => figures.latency_ms?.p95 ?? null },
  'latency-max': { lowerIsBetter: true, read: (figures: TimingFigures) => figures.latency_ms?.max ?? null },
  'completion-tokens': { lowerIsBetter: true, read: (figures: TimingFigures) => figures.completion_tokens },
  'tokens-per-second': { lowerIsBetter: false, read: (figures: TimingFigures) => figures.tokens_per_second },
  'items-per-second': { lowerIsBetter: false, read: (figures: TimingFigures) => figures.items_per_second },
} as const satisfies Record<string, { lowerIsBetter: boolean; read: (figures: TimingFigures) => number | null }>;

export function timingKey(key: string): (typeof TIMING_KEYS)[keyof typeof TIMING_KEYS] | undefined {
  return key in TIMING_KEYS ? TIMING_KEYS[key as keyof typeof TIMING_KEYS] : undefined;
}

/**
 * The score named by `key` in a report: "overall", a track (any spelling: track1, its display name, its id) or a task.
 * Unknown keys are bad input; a key naming a task the run did not score gives no score.
 */
export function scoreByKey(report: RunReport, key: string): ScoreWithInterval {
  if (key === 'overall') return report.overall;
  const timing = timingKey(key);
  if (timing !== undefined) {
    const figures = report.timing?.overall;
    return { score: figures === undefined ? null : timing.read(figures), low: null, high: null };
  }
  const track = report.tracks.find((entry) => namesTrack(key, entry.track));
  if (track) return track;
  const task = report.tasks.find((entry) => entry.task_name === key);
  if (task) return task;
  throw new ShopevalError(
    'bad-input',
    `"${key}" is neither "overall", a latency or token figure, a track nor a task of run ${report.run.name}`,
    {
      hint: `Figures: ${Object.keys(TIMING_KEYS).join(', ')}; tracks: ${report.tracks.map((entry) => describeTrack(entry.track)).join('; ')}; tasks: ${report.tasks.map((entry) => entry.task_name).join(', ')}`,
    },
  );
}

/** The canonical spelling of a key (a track's id) for documents. */
export function canonicalKey(report: RunReport, key: string): string {
  if (key === 'overall') return key;
  const track = report.tracks.find((entry) => namesTrack(key, entry.track));
  return track ? track.track : key;
}
