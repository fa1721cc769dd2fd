import type { ItemRecord } from '../../scoring/records';
import type { LoadedRun } from '../load/load-run';

export type McMode = 'generate' | 'logprobs';

/** One multiple-choice task answered by both runs: each run's accuracy, how often they chose alike, how often each had no answer. */
export interface TaskAgreement {
  readonly task_name: string;
  /** Items answered in both runs (API errors left out). */
  readonly n: number;
  readonly baseline_accuracy: number | null;
  readonly candidate_accuracy: number | null;
  /** Items both runs answered parseably: agreement is counted among them (two failures are no agreement). */
  readonly both_parsed: number;
  /** Of those, the items where both runs settled on the same answer. */
  readonly agree: number;
  /** agree / both_parsed. */
  readonly agreement: number | null;
  readonly baseline_unparseable: number;
  readonly candidate_unparseable: number;
}

/** Multiple choice under two scoring modes (`--mc-scoring`), side by side: present when either run used logprobs. */
export interface McAgreement {
  readonly baseline_mode: McMode;
  readonly candidate_mode: McMode;
  readonly tasks: readonly TaskAgreement[];
}

function modeOf(run: LoadedRun): McMode {
  return run.items.some((item) => item.mc_logprobs !== undefined) ? 'logprobs' : 'generate';
}

/** The answer an item settled on: the parsed value (kddcup2024), else the trimmed output (shoppingmmlu parses none). */
function answerOf(item: ItemRecord): string {
  return item.parsed === null ? (item.output ?? '').trim() : JSON.stringify(item.parsed);
}

function share(count: number, total: number): number | null {
  return total === 0 ? null : count / total;
}

/** Per multiple-choice task, the two runs' answers compared item by item; undefined when neither run used logprobs. */
export function mcAgreement(baseline: LoadedRun, candidate: LoadedRun): McAgreement | undefined {
  const modes: [McMode, McMode] = [modeOf(baseline), modeOf(candidate)];
  if (modes[0] === 'generate' && modes[1] === 'generate') return undefined;
  const others = new Map(candidate.items.map((item) => [item.id, item]));
  const tasks = new Map<string, { n: number; right: [number, number]; bothParsed: number; agree: number; unparseable: [number, number] }>();
  for (const item of baseline.items) {
    const other = others.get(item.id);
    if (item.task_type !== 'multiple-choice' || other === undefined || item.api_error !== undefined || other.api_error !== undefined)
      continue;
    let task = tasks.get(item.task_name);
    if (task === undefined) tasks.set(item.task_name, (task = { n: 0, right: [0, 0], bothParsed: 0, agree: 0, unparseable: [0, 0] }));
    task.n += 1;
    task.right = [task.right[0] + (item.score === 1 ? 1 : 0), task.right[1] + (other.score === 1 ? 1 : 0)];
    task.unparseable = [task.unparseable[0] + (item.unparseable ? 1 : 0), task.unparseable[1] + (other.unparseable ? 1 : 0)];
    if (item.unparseable || other.unparseable) continue;
    task.bothParsed += 1;
    if (answerOf(item) === answerOf(other)) task.agree += 1;
  }
  return {
    baseline_mode: modes[0],
    candidate_mode: modes[1],
    tasks: [...tasks].map(([task_name, task]) => ({
      task_name,
      n: task.n,
      baseline_accuracy: share(task.right[0], task.n),
      candidate_accuracy: share(task.right[1], task.n),
      both_parsed: task.bothParsed,
      agree: task.agree,
      agreement: share(task.agree, task.bothParsed),
      baseline_unparseable: task.unparseable[0],
      candidate_unparseable: task.unparseable[1],
    })),
  };
}
