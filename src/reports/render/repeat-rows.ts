import type { RepeatFigures, RepeatsSummary } from '../../scoring/records';
import { formatPercent, formatScore } from './format';

/** The repeats table's header: one row per task, then overall. */
export const REPEAT_HEADER = ['Task', 'Per repeat', 'Mean', 'Spread', 'Agreement'];

/** The repeats table's cells (shared by the terminal and Markdown reports). */
export function repeatRows(repeats: RepeatsSummary): string[][] {
  const row = (name: string, figures: RepeatFigures, agreement: number | null): string[] => [
    name,
    figures.scores.map((score) => formatScore(score)).join(' '),
    formatScore(figures.mean),
    formatScore(figures.spread),
    formatPercent(agreement),
  ];
  return [
    ...repeats.tasks.map((task) => row(task.task_name, task, task.agreement)),
    row('overall', repeats.overall, repeats.overall.agreement),
  ];
}

/** The line under the table that says what the figures are. */
export function repeatNote(repeats: RepeatsSummary): string {
  return `${repeats.count} repeats; scores above are the mean over repeats; spread: ${repeats.spread}; agreement: ${repeats.agreement}`;
}
