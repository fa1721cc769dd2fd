/**
 * Sentence BLEU exactly as the official scorers compute it (parity README M6, M7, S5, N1):
 * `evaluate.load("sacrebleu").compute(predictions=[hyp], references=[[ref]], lowercase=True)` =
 * sacrebleu 2.4.1 `corpus_bleu` with exp smoothing and no effective order, then `score / 100`.
 */
import type { Truth } from '../../dataset/row';
import { pyTypeName, raises, type OddTruthScore } from '../odd-truth';
import { correctlyRoundedExp, correctlyRoundedLog } from '../text/exact-math';
import { pyLower, pyRstrip, pySplitWhitespace } from '../text/python-string';
import { tokenize13aTokens } from '../text/tokenize-13a';
import { ngramMatches } from './bleu-ngrams';
import { defineMetric, isTextTruth } from './metric-unit';

/** sacrebleu's tokenizer step: `tokenize13a`, or a Japanese tokenizer's `tokenize` for jp-bleu. */
export type SegmentTokenizer = (line: string) => string;

const MAX_NGRAM_ORDER = 4;
const NEWLINE = 0x0a;

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

/** `preprocessSegment(line, tokenize13a).split()`. */
function segmentTokens13a(line: string): string[] {
  return tokenize13aTokens(pyRstrip(pyLower(line)));
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

/** The statistics of two token lists (`BLEU._extract_corpus_statistics` + `_compute_score_from_stats`). */
function statisticsOfTokens(hypothesisTokens: readonly string[], referenceTokens: readonly string[]) {
  const { counts, totals } = ngramMatches(hypothesisTokens, referenceTokens);
  const systemLength = hypothesisTokens.length;
  const referenceLength = referenceTokens.length;
  return { counts, totals, systemLength, referenceLength, ...computeScore(counts, totals, systemLength, referenceLength) };
}

/** All of sacrebleu's statistics for one hypothesis against one reference. */
export function bleuStatistics(hypothesis: string, reference: string, tokenize: SegmentTokenizer): BleuStatistics {
  const hypothesisTokenized = preprocessSegment(hypothesis, tokenize);
  const referenceTokenized = preprocessSegment(reference, tokenize);
  return {
    hypothesisTokenized,
    referenceTokenized,
    ...statisticsOfTokens(pySplitWhitespace(hypothesisTokenized), pySplitWhitespace(referenceTokenized)),
  };
}

/** `sacrebleu.corpus_bleu([hypothesis], [[reference]], lowercase=True).score / 100` (exp smoothing, no effective order). */
export function sentenceBleu(hypothesis: string, reference: string, tokenize: SegmentTokenizer): number {
  return bleuStatistics(hypothesis, reference, tokenize).score / 100;
}

/** `sentenceBleu` with the 13a tokenizer, straight from its tokens (no joined string to split again). */
function sentenceBleu13a(hypothesis: string, reference: string): number {
  return statisticsOfTokens(segmentTokens13a(hypothesis), segmentTokens13a(reference)).score / 100;
}

/** `text.lstrip("\n").rstrip("\n").split("\n")[0]`: only the first line is scored (both official scorers). */
export function firstLine(text: string): string {
  let start = 0;
  while (text.charCodeAt(start) === NEWLINE) start += 1;
  const newline = text.indexOf('\n', start);
  // after lstrip, the first line ends at the first newline; with none left, rstrip("\n") has nothing to remove
  return newline === -1 ? text.slice(start) : text.slice(start, newline);
}

/**
 * The official `metrics.calculate_bleu_score` (KDD Cup, on the parsed and stripped output) and Shopping MMLU's
 * `bleu` (on the raw output, README S5): the same function, only the input differs.
 */
export function calculateBleuScore(generation: string, truth: string, tokenize: SegmentTokenizer): number {
  return sentenceBleu(firstLine(generation), truth, tokenize);
}

/** `calculateBleuScore(generation, truth, tokenize13a)`, the `bleu` metric. */
export function calculateBleu13aScore(generation: string, truth: string): number {
  return sentenceBleu13a(firstLine(generation), truth);
}

export const bleu = defineMetric({
  name: 'bleu',
  description: 'sacrebleu BLEU of the first line (13a tokenizer, lowercased, exp smoothing), divided by 100.',
  taskType: 'generation',
  aggregation: 'mean',
  isExpectedTruth: isTextTruth,
  kddcup2024: {
    score: (parsed, truth) => ({ kind: 'value', value: calculateBleu13aScore(parsed, truth) }),
    oddTruth: (_parsed, truth) => bleuOddTruth(truth),
  },
  shoppingmmlu: {
    score: (output, truth) => ({ kind: 'value', value: calculateBleu13aScore(output, truth) }),
    oddTruth: (_output, truth) => bleuOddTruth(truth),
  },
});

/** bleu and jp-bleu: sacrebleu (through evaluate) refuses a reference that is not a str. */
export function bleuOddTruth(truth: Truth): OddTruthScore {
  return raises('TypeError', `sacrebleu (through evaluate) needs str references, got ${pyTypeName(truth)}`);
}
