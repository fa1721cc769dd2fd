import type { PromptRow } from '../dataset/row';
import type { BehaviourEvidence } from '../providers/identity/checkpoint-identity';
import { requestKey } from '../providers/middleware/cache-middleware';
import { sha256Hex } from '../providers/middleware/response-cache';
import type { GenerateRequest, GenerateResponse, LanguageModel } from '../providers/provider';
import { asProviderCallError } from '../providers/provider-call-error';
import { maxTokensTaskType, requestForRow, type PromptSettings } from './prompt-settings';

/** Items asked before the others to recognise a checkpoint that has no digest. */
export const PROBE_ITEMS = 4;

export interface ProbeAnswer {
  readonly row: PromptRow;
  readonly request: GenerateRequest;
  readonly response: GenerateResponse;
}

export type BehaviourProbe =
  { readonly evidence: BehaviourEvidence; readonly answers: readonly ProbeAnswer[] } | { readonly failed: string };

/**
 * The probe items: the run's rows with the longest answers first (a long greedy generation differs between two
 * checkpoints far more surely than a one-letter choice), dataset order among equals.
 */
export function probeRows(rows: readonly PromptRow[], prompt: PromptSettings, count: number = PROBE_ITEMS): PromptRow[] {
  return rows
    .map((row, index) => ({ row, index, tokens: prompt.maxTokens[maxTokensTaskType(row)] }))
    .sort((left, right) => right.tokens - left.tokens || left.index - right.index)
    .slice(0, count)
    .map((entry) => entry.row);
}

/**
 * The probe items of rows that stream by (a dataset too large to hold), chosen as probeRows() chooses them: only the
 * best `count` candidates are kept at any time. Reading stops once `count` rows have the largest token budget any task
 * type has: no later row can displace them (dataset order breaks ties), so the pass before the first request is
 * usually a few hundred rows, not the whole file.
 */
export async function probeCandidates(
  rows: AsyncIterable<PromptRow>,
  prompt: PromptSettings,
  count: number = PROBE_ITEMS,
): Promise<PromptRow[]> {
  const ceiling = Math.max(...Object.values(prompt.maxTokens));
  const best: { row: PromptRow; index: number; tokens: number }[] = [];
  let index = 0;
  for await (const row of rows) {
    const entry = { row, index, tokens: prompt.maxTokens[maxTokensTaskType(row)] };
    index += 1;
    const last = best[best.length - 1];
    if (best.length >= count && last !== undefined && last.tokens >= entry.tokens) continue; // dataset order among equals
    best.push(entry);
    best.sort((left, right) => right.tokens - left.tokens || left.index - right.index);
    if (best.length > count) best.pop();
    if (best.length >= count && best[best.length - 1]?.tokens === ceiling) break; // closes the stream: the rest is never read
  }
  return best.map((entry) => entry.row);
}

/**
 * Asks the probe items before the concurrent phase, through the caller's stack (run's allows one at a time, so each is
 * decoded alone and its greedy answer repeats on the same engine).
 * Their answers, hashed with the requests in probe order, become part of the checkpoint identity; they also stand as
 * those items' answers. A failure names the first failing item in probe order, whichever failed first in time.
 */
export async function probeBehaviour(args: {
  readonly rows: readonly PromptRow[];
  readonly model: LanguageModel;
  readonly prompt: PromptSettings;
  readonly signal?: AbortSignal;
}): Promise<BehaviourProbe> {
  const asked = probeRows(args.rows, args.prompt).map((row) => {
    const request = { ...requestForRow(row, args.prompt), ...(args.signal === undefined ? {} : { abortSignal: args.signal }) };
    return { row, request, settled: Promise.allSettled([args.model.generate(request)]) };
  });
  const answers: ProbeAnswer[] = [];
  for (const { row, request, settled } of asked) {
    const [outcome] = await settled;
    if (outcome === undefined) continue;
    if (outcome.status === 'rejected') {
      await Promise.all(asked.map((other) => other.settled)); // none left running behind the failure
      return { failed: `the probe item ${row.id} failed (${asProviderCallError(outcome.reason).describe()})` };
    }
    answers.push({ row, request, response: outcome.value });
  }
  if (answers.length === 0) return { failed: 'the run has no items to probe with' };
  const sha256 = sha256Hex(JSON.stringify(answers.map((answer) => [requestKey(answer.request), answer.response.text])));
  return { evidence: { items: answers.map((answer) => answer.row.id), sha256 }, answers };
}
