import type { ItemRecord, McScoringSummary } from './records';

type TaskTally = { -readonly [K in Exclude<keyof McScoringSummary['tasks'][number], 'task_name'>]: number };

/** Counts, per task, how the items' labels were chosen (summary.json `mc_scoring`); keeps only counters, never items. */
export class LabelChoiceTally {
  private readonly tasks = new Map<string, TaskTally>();

  add(record: ItemRecord): void {
    const choice = record.mc_logprobs;
    if (choice === undefined) return;
    let task = this.tasks.get(record.task_name);
    if (task === undefined)
      this.tasks.set(
        record.task_name,
        (task = { items: 0, all_labels_in_top_k: 0, some_labels_missing: 0, no_label_in_top_k: 0, no_options_in_prompt: 0 }),
      );
    task.items += 1;
    const key = choice.method.replace(/-/g, '_') as keyof TaskTally;
    task[key] += 1;
  }

  /** Undefined when no item was answered by log-probabilities. */
  summary(): McScoringSummary | undefined {
    if (this.tasks.size === 0) return undefined;
    return { mode: 'logprobs', tasks: [...this.tasks].map(([task_name, tally]) => ({ task_name, ...tally })) };
  }
}
