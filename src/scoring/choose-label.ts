import { numberedOptions } from '../providers/builtin/prompt-structure';
import type { TokenLogprob } from '../providers/provider';

/**
 * How the label was chosen:
 * - `all-labels-in-top-k`: every option label was among the alternatives; the most probable one won.
 * - `some-labels-missing`: some were not; the most probable visible one still wins, because a label missing from the
 *   top-k is at most as probable as the least probable alternative shown (`missing_bound`), never above a shown label.
 * - `no-label-in-top-k`: none was visible: no choice (scored as unparseable, like a generated answer without a number).
 * - `no-options-in-prompt`: the prompt lists no numbered options to choose from.
 */
export type LabelChoiceMethod = 'all-labels-in-top-k' | 'some-labels-missing' | 'no-label-in-top-k' | 'no-options-in-prompt';

/** The option labels' share of the first generated token, recorded per item (responses.jsonl and items.jsonl). */
export interface LabelChoice {
  /** Natural-log probability per option label; null when the label was not among the alternatives. */
  readonly logprobs: Readonly<Record<string, number | null>>;
  /** The visible labels' probabilities renormalised to sum to 1 (the label distribution). */
  readonly distribution: Readonly<Record<string, number>>;
  readonly chosen: string | null;
  readonly method: LabelChoiceMethod;
  /** Labels not among the alternatives. */
  readonly missing: number;
  /** Upper bound on a missing label's log-probability: the least probable alternative the server showed. */
  readonly missing_bound?: number;
}

/** "on a scale of 1 to 5", "from 1 to 5": a rating question's labels, when it lists no numbered options. */
const RATING_SCALE = /\bscale\s+(?:of|from)\s+(\d+)\s+to\s+(\d+)\b/iu;
/** A scale longer than this is not a list of options to choose from. */
const MAX_SCALE_LABELS = 20;

/**
 * The labels a row's prompt offers: its numbered options ("0. ...", "1. ..."), as the builtin baselines read them, or
 * else the points of the rating scale it states (ShopBench's review-rating task: "on a scale of 1 to 5").
 */
export function optionLabels(prompt: string): string[] {
  const listed = numberedOptions(prompt).options.map((option) => String(option.number));
  if (listed.length > 0) return listed;
  const scale = RATING_SCALE.exec(prompt);
  if (scale === null) return [];
  const low = Number(scale[1]);
  const high = Number(scale[2]);
  if (high < low || high - low + 1 > MAX_SCALE_LABELS) return [];
  return Array.from({ length: high - low + 1 }, (_unused, index) => String(low + index));
}

/** A token's text without the word-boundary marks servers and tokenizers put on it (" 2", "▁2", "Ġ2", "2\n"). */
function labelText(token: string): string {
  return token.replace(/^[\s\u2581\u0120]+|\s+$/gu, '');
}

/** log(e^a + e^b) without overflow: " 2" and "2" are two spellings of one label, so their probabilities add. */
function logAdd(a: number, b: number): number {
  const high = Math.max(a, b);
  return high === -Infinity ? -Infinity : high + Math.log(Math.exp(a - high) + Math.exp(b - high));
}

/** Picks the most probable option label among the first token's alternatives (ties: the earlier label). */
export function chooseLabel(labels: readonly string[], alternatives: readonly TokenLogprob[]): LabelChoice {
  const logprobs: Record<string, number | null> = Object.fromEntries(labels.map((label) => [label, null]));
  for (const { token, logprob } of alternatives) {
    const label = labelText(token);
    if (!Object.hasOwn(logprobs, label) || !Number.isFinite(logprob)) continue;
    const earlier = logprobs[label];
    logprobs[label] = earlier === null || earlier === undefined ? logprob : logAdd(earlier, logprob);
  }
  const visible = labels.flatMap((label) => {
    const logprob = logprobs[label];
    return logprob === null || logprob === undefined ? [] : [{ label, logprob }];
  });
  const missing = labels.length - visible.length;
  const finite = alternatives.map((item) => item.logprob).filter(Number.isFinite);
  const bound = missing > 0 && finite.length > 0 ? { missing_bound: Math.min(...finite) } : {};
  if (labels.length === 0) return { logprobs, distribution: {}, chosen: null, method: 'no-options-in-prompt', missing: 0 };
  if (visible.length === 0) return { logprobs, distribution: {}, chosen: null, method: 'no-label-in-top-k', missing, ...bound };
  const best = visible.reduce((top, item) => (item.logprob > top.logprob ? item : top));
  const total = visible.reduce((sum, item) => sum + Math.exp(item.logprob - best.logprob), 0);
  const distribution = Object.fromEntries(visible.map((item) => [item.label, Math.exp(item.logprob - best.logprob) / total]));
  return {
    logprobs,
    distribution,
    chosen: best.label,
    method: missing === 0 ? 'all-labels-in-top-k' : 'some-labels-missing',
    missing,
    ...bound,
  };
}
