import type { McScoringSummary } from '../scoring/records';
import { plural } from '../util/plural';

/**
 * How the labels were chosen in logprobs mode, in one line for stderr: how many items showed every label, how many
 * fewer (and why the choice still holds), how many none (scored unparseable); undefined in generate mode.
 */
export function describeMcScoring(summary: McScoringSummary | undefined): string | undefined {
  if (summary === undefined) return undefined;
  const sum = (key: 'items' | 'all_labels_in_top_k' | 'some_labels_missing' | 'no_label_in_top_k' | 'no_options_in_prompt'): number =>
    summary.tasks.reduce((total, task) => total + task[key], 0);
  const parts = [
    `${sum('all_labels_in_top_k')} with every option label in the top 20`,
    `${sum('some_labels_missing')} with fewer (the most probable visible label chosen: a label missing from the top 20 is no more probable than any shown)`,
    `${sum('no_label_in_top_k')} with none (no choice: scored unparseable)`,
    ...(sum('no_options_in_prompt') > 0 ? [`${sum('no_options_in_prompt')} whose prompt lists no options (scored unparseable)`] : []),
  ];
  return `--mc-scoring logprobs: ${plural(sum('items'), 'multiple-choice item')}: ${parts.join('; ')} (per task: mc_scoring in summary.json)`;
}
