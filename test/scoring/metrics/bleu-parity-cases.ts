import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bleuStatistics, calculateBleuScore, type SegmentTokenizer } from '../../../src/scoring/metrics/bleu';

/** The bleu / jp-bleu cases of fixtures/parity/cases-public.jsonl, with the fields these tests read. */
export interface BleuParityCase {
  readonly id: string;
  readonly metric: 'bleu' | 'jp-bleu';
  readonly output: string;
  readonly truth: string;
  readonly kddcup2024: {
    readonly parsed: string;
    readonly score: number;
    readonly debug: {
      readonly first_line: string;
      readonly hyp_tokenized: string;
      readonly ref_tokenized: string;
      readonly counts: number[];
      readonly totals: number[];
      readonly precisions: number[];
      readonly bp: number;
      readonly sys_len: number;
      readonly ref_len: number;
      readonly sacrebleu_score: number;
    };
  };
  readonly shoppingmmlu: { readonly score: number };
}

export function loadBleuParityCases(): BleuParityCase[] {
  const text = readFileSync(join(__dirname, '../../../fixtures/parity/cases-public.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { metric: string })
    .filter((item): item is BleuParityCase => item.metric === 'bleu' || item.metric === 'jp-bleu');
}

/** Tokens, statistics, the sacrebleu score, the KDD score of the parsed text and the Shopping MMLU score of the raw output (S5). */
export function expectBleuCaseExact(item: BleuParityCase, tokenize: SegmentTokenizer): void {
  const debug = item.kddcup2024.debug;
  const statistics = bleuStatistics(debug.first_line, item.truth, tokenize);
  expect(statistics.hypothesisTokenized).toBe(debug.hyp_tokenized);
  expect(statistics.referenceTokenized).toBe(debug.ref_tokenized);
  expect(statistics.counts).toEqual(debug.counts);
  expect(statistics.totals).toEqual(debug.totals);
  expect(statistics.precisions).toEqual(debug.precisions);
  expect(statistics.brevityPenalty).toBe(debug.bp);
  expect(statistics.systemLength).toBe(debug.sys_len);
  expect(statistics.referenceLength).toBe(debug.ref_len);
  expect(statistics.score).toBe(debug.sacrebleu_score);
  expect(calculateBleuScore(item.kddcup2024.parsed, item.truth, tokenize)).toBe(item.kddcup2024.score);
  expect(calculateBleuScore(item.output, item.truth, tokenize)).toBe(item.shoppingmmlu.score);
}
