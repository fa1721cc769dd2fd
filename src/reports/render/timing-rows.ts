import type { RunTiming, TimingFigures } from '../../budget/run-timing';
import { trackDisplayName } from '../../dataset/track-names';
import { formatFigure } from './format';

/** One line of the latency and token table: the run, a track or a task. */
export interface TimingRow {
  readonly scope: 'overall' | 'track' | 'task';
  readonly name: string;
  readonly figures: TimingFigures;
}

/** The columns every report format shows, in order. */
export const TIMING_HEADER = [
  'Scope',
  'Name',
  'Items',
  'Latency p50 ms',
  'p95 ms',
  'max ms',
  'Prompt tokens',
  'Completion tokens',
  'Tokens/s',
  'Items/s',
] as const;

/** The run first, then its tracks, then its tasks, each in the run's order. */
export function timingRows(timing: RunTiming): TimingRow[] {
  return [
    { scope: 'overall', name: 'all', figures: timing.overall },
    ...Object.entries(timing.tracks).map(([name, figures]) => ({ scope: 'track' as const, name: trackDisplayName(name), figures })),
    ...Object.entries(timing.tasks).map(([name, figures]) => ({ scope: 'task' as const, name, figures })),
  ];
}

/** A row's cells as text, matching TIMING_HEADER. */
export function timingCells(row: TimingRow): string[] {
  const { figures } = row;
  return [
    row.scope,
    row.name,
    String(figures.items),
    formatFigure(figures.latency_ms?.p50, 1),
    formatFigure(figures.latency_ms?.p95, 1),
    formatFigure(figures.latency_ms?.max, 1),
    String(figures.prompt_tokens),
    String(figures.completion_tokens),
    formatFigure(figures.tokens_per_second, 2),
    formatFigure(figures.items_per_second, 3),
  ];
}

/** The one-line definition every report prints under the table. */
export const TIMING_NOTE =
  "Latency percentiles use numpy's default linear interpolation over answered items; rates are per the items' time (their share of a batch's wall time with --batch-size, else their own latency).";
