/**
 * Reference oracle: sentence BLEU as src/scoring/metrics/bleu.ts computed it before the one-scan 13a tokenizer and the
 * n-gram counting rewrite (regex 13a passes, sorted n-gram keys). Tests require the new code to agree bit for bit.
 *
 * Sentence BLEU exactly as the official scorers compute it (parity README M6, M7, S5, N1):
 * `evaluate.load("sacrebleu").compute(predictions=[hyp], references=[[ref]], lowercase=True)` =
 * sacrebleu 2.4.1 `corpus_bleu` with exp smoothing and no effective order, then `score / 100`.
 */
import { correctlyRoundedExp, correctlyRoundedLog } from '../../../src/scoring/text/exact-math';
import { pyLower, pyRstrip, pySplitWhitespace } from '../../../src/scoring/text/python-string';
import { tokenize13aByRegex } from './tokenize-13a-by-regex';

/** sacrebleu's tokenizer step: `tokenize13a`, or a Japanese tokenizer's `tokenize` for jp-bleu. */
export type SegmentTokenizer = (line: string) => string;

const MAX_NGRAM_ORDER = 4;

/** sacrebleu's sufficient statistics and intermediate values (as in a parity case's `debug`). */
export interface BleuStatistics {
  readonly hypothesisTokenized: string;
  readonly referenceTokenized: string;
  readonly counts: readonly number[];
  readonly totals: readonly number[];
  /** Percentages, 0-100. */
  readonly precisions: readonly number[];
  readonly brevityPenalty: number;
  readonly systemLength: number;
  readonly referenceLength: number;
  /** sacrebleu's score, 0-100. */
  readonly score: number;
}

/** `BLEU._preprocess_segment` with lowercase=True: Python `lower()`, then `rstrip()`, then the tokenizer. */
function preprocessSegment(line: string, tokenize: SegmentTokenizer): string {
  return tokenize(pyRstrip(pyLower(line)));
}

/** sacrebleu's matched n-grams (each clipped by the reference's count) and hypothesis n-grams, per order 1..4. */
interface NgramMatches {
  readonly counts: number[];
  readonly totals: number[];
}

/**
 * The n-gram statistics by integer ids: tokens are numbered per sentence pair, each n-gram is one number (its ids
 * in base `vocabulary`, exact below 2^53), and sorted keys are merged; no n-gram string or Map entry is made (the
 * profile showed them as garbage). Pairs with too many distinct tokens for exact keys count by strings instead.
 */
function ngramMatches(hypothesis: readonly string[], reference: readonly string[]): NgramMatches {
  const ids = new Map<string, number>();
  const hypothesisIds = numbered(hypothesis, ids);
  const referenceIds = numbered(reference, ids);
  const base = Math.max(1, ids.size);
  if (base ** MAX_NGRAM_ORDER > Number.MAX_SAFE_INTEGER) return ngramMatchesByString(hypothesis, reference);
  const counts = [0, 0, 0, 0];
  const totals = [0, 0, 0, 0];
  for (let order = 1; order <= MAX_NGRAM_ORDER; order += 1) {
    const hypothesisKeys = sortedNgramKeys(hypothesisIds, order, base);
    counts[order - 1] = clippedMatches(hypothesisKeys, sortedNgramKeys(referenceIds, order, base));
    totals[order - 1] = hypothesisKeys.length;
  }
  return { counts, totals };
}

function numbered(tokens: readonly string[], ids: Map<string, number>): Int32Array {
  const numbers = new Int32Array(tokens.length);
  tokens.forEach((token, index) => {
    let id = ids.get(token);
    if (id === undefined) ids.set(token, (id = ids.size));
    numbers[index] = id;
  });
  return numbers;
}

function sortedNgramKeys(ids: Int32Array, order: number, base: number): Float64Array {
  const keys = new Float64Array(Math.max(0, ids.length - order + 1));
  for (let start = 0; start < keys.length; start += 1) {
    let key = 0;
    for (let offset = 0; offset < order; offset += 1) key = key * base + (ids[start + offset] as number);
    keys[start] = key;
  }
  return keys.sort();
}

/** Sum over distinct n-grams of min(hypothesis count, reference count), by merging two sorted key lists. */
function clippedMatches(hypothesis: Float64Array, reference: Float64Array): number {
  let matches = 0;
  let left = 0;
  let right = 0;
  while (left < hypothesis.length && right < reference.length) {
    const key = hypothesis[left] as number;
    const other = reference[right] as number;
    if (key < other) left += 1;
    else if (key > other) right += 1;
    else {
      const hypothesisEnd = runEnd(hypothesis, left);
      const referenceEnd = runEnd(reference, right);
      matches += Math.min(hypothesisEnd - left, referenceEnd - right);
      left = hypothesisEnd;
      right = referenceEnd;
    }
  }
  return matches;
}

/** Where the run of keys equal to keys[start] ends. */
function runEnd(keys: Float64Array, start: number): number {
  let end = start + 1;
  while (end < keys.length && keys[end] === keys[start]) end += 1;
  return end;
}

/** The same statistics with space-joined n-gram strings as keys (tokens never contain whitespace). */
function ngramMatchesByString(hypothesis: readonly string[], reference: readonly string[]): NgramMatches {
  const hypothesisNgrams = countNgrams(hypothesis);
  const referenceNgrams = countNgrams(reference);
  const counts = [0, 0, 0, 0];
  const totals = [0, 0, 0, 0];
  hypothesisNgrams.forEach((counter, order) => {
    const referenceCounter = referenceNgrams[order] as Map<string, number>;
    for (const [ngram, count] of counter) {
      totals[order] = (totals[order] ?? 0) + count;
      counts[order] = (counts[order] ?? 0) + Math.min(count, referenceCounter.get(ngram) ?? 0);
    }
  });
  return { counts, totals };
}

/** n-gram counts per order 1..4; each key extends the one of the order below. */
function countNgrams(tokens: readonly string[]): Map<string, number>[] {
  const counters: Map<string, number>[] = [];
  for (let order = 1; order <= MAX_NGRAM_ORDER; order += 1) counters.push(new Map<string, number>());
  for (let start = 0; start < tokens.length; start += 1) {
    let key = '';
    for (let order = 1; order <= MAX_NGRAM_ORDER && start + order <= tokens.length; order += 1) {
      key = order === 1 ? (tokens[start] as string) : `${key} ${tokens[start + order - 1] as string}`;
      const counter = counters[order - 1] as Map<string, number>;
      counter.set(key, (counter.get(key) ?? 0) + 1);
    }
  }
  return counters;
}

/** sacrebleu `my_log`: log of 0 is -9999999999, so any empty order drives the score to 0. */
function sacrebleuLog(value: number): number {
  return value === 0 ? -9999999999 : correctlyRoundedLog(value);
}

/** `BLEU.compute_bleu(..., smooth_method='exp', effective_order=False)`, same float operation order. */
function computeScore(counts: readonly number[], totals: readonly number[], systemLength: number, referenceLength: number) {
  let brevityPenalty = 1.0;
  if (systemLength < referenceLength) {
    brevityPenalty = systemLength > 0 ? correctlyRoundedExp(1 - referenceLength / systemLength) : 0.0;
  }
  const precisions = [0.0, 0.0, 0.0, 0.0];
  // sacrebleu early stop: no matching n-gram of any order gives 0.0
  if (!counts.some((count) => count !== 0)) return { score: 0.0, precisions, brevityPenalty };
  let smoothing = 1.0;
  for (let order = 0; order < MAX_NGRAM_ORDER; order += 1) {
    const total = totals[order] ?? 0;
    const count = counts[order] ?? 0;
    if (total === 0) break;
    if (count === 0) {
      smoothing *= 2;
      precisions[order] = 100.0 / (smoothing * total);
    } else {
      precisions[order] = (100.0 * count) / total;
    }
  }
  // Python sum() left to right from 0, then / max_order
  let logSum = 0;
  for (const precision of precisions) logSum += sacrebleuLog(precision);
  return { score: brevityPenalty * correctlyRoundedExp(logSum / MAX_NGRAM_ORDER), precisions, brevityPenalty };
}

/** All of sacrebleu's statistics for one hypothesis against one reference. */
export function bleuStatistics(hypothesis: string, reference: string, tokenize: SegmentTokenizer): BleuStatistics {
  const hypothesisTokenized = preprocessSegment(hypothesis, tokenize);
  const referenceTokenized = preprocessSegment(reference, tokenize);
  const hypothesisTokens = pySplitWhitespace(hypothesisTokenized);
  const referenceTokens = pySplitWhitespace(referenceTokenized);
  const { counts, totals } = ngramMatches(hypothesisTokens, referenceTokens);
  const systemLength = hypothesisTokens.length;
  const referenceLength = referenceTokens.length;
  const { score, precisions, brevityPenalty } = computeScore(counts, totals, systemLength, referenceLength);
  return {
    hypothesisTokenized,
    referenceTokenized,
    counts,
    totals,
    precisions,
    brevityPenalty,
    systemLength,
    referenceLength,
    score,
  };
}

/** `sacrebleu.corpus_bleu([hypothesis], [[reference]], lowercase=True).score / 100` (exp smoothing, no effective order). */
export function sentenceBleu(hypothesis: string, reference: string, tokenize: SegmentTokenizer): number {
  return bleuStatistics(hypothesis, reference, tokenize).score / 100;
}

/** `text.lstrip("\n").rstrip("\n").split("\n")[0]`: only the first line is scored (both official scorers). */
export function firstLine(text: string): string {
  const trimmed = text.replace(/^\n+/u, '').replace(/\n+$/u, '');
  const newline = trimmed.indexOf('\n');
  return newline === -1 ? trimmed : trimmed.slice(0, newline);
}

/**
 * The official `metrics.calculate_bleu_score` (KDD Cup, on the parsed and stripped output) and Shopping MMLU's
 * `bleu` (on the raw output, README S5): the same function, only the input differs.
 */
export function calculateBleuScore(generation: string, truth: string, tokenize: SegmentTokenizer = tokenize13aByRegex): number {
  return sentenceBleu(firstLine(generation), truth, tokenize);
}
