import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { longestCommonSubsequenceLength, rougeLFMeasure } from '../../../src/scoring/metrics/rougel';
import { rougeTokenize } from '../../../src/scoring/text/rouge-tokenizer';

interface RougeCase {
  id: string;
  metric: string;
  output: string;
  truth: string;
  kddcup2024: { parsed: string; score: number; debug: { lcs_length: number } };
  shoppingmmlu: { score: number | null };
}

const CASES_FILE = join(__dirname, '../../../fixtures/parity/cases-public.jsonl');
const rougeCases = readFileSync(CASES_FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as RougeCase)
  .filter((parityCase) => parityCase.metric === 'rougel');
const caseTable = rougeCases.map((parityCase) => [parityCase.id, parityCase] as const);

describe('rougeLFMeasure (official calculate_rougel)', () => {
  it('has rougel parity cases to check', () => {
    expect(rougeCases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(caseTable)('%s: KDD Cup score on the parsed output, bit for bit', (_id, parityCase) => {
    const generationTokens = rougeTokenize(parityCase.kddcup2024.parsed);
    const truthTokens = rougeTokenize(parityCase.truth);
    expect(longestCommonSubsequenceLength(generationTokens, truthTokens)).toBe(parityCase.kddcup2024.debug.lcs_length);
    expect(rougeLFMeasure(parityCase.kddcup2024.parsed, parityCase.truth)).toBe(parityCase.kddcup2024.score);
  });

  // ShoppingMMLU rougel = the same rouge_score call on the raw output (no parser, no 5000-code-point cut, no strip)
  it.each(caseTable)('%s: ShoppingMMLU score on the raw output, bit for bit', (_id, parityCase) => {
    expect(parityCase.shoppingmmlu.score).not.toBeNull();
    expect(rougeLFMeasure(parityCase.output, parityCase.truth)).toBe(parityCase.shoppingmmlu.score);
  });

  // the parity README's table "KDD Cup metric examples"
  it.each([
    ['comfortably', 'comfortable', 1.0],
    ['Keyphrase: comfortable', 'comfortable', 0.6666666666666666],
    ['great', 'great value for the money', 0.33333333333333337],
    ['\u5feb\u9069', 'comfortable', 0],
    ['', '', 0],
    ['\u0130nch perfect fit', 'inch perfect fit', 0.5714285714285715],
    ['\u212aeeps me warm', 'keeps me warm', 1.0],
  ])('README table: calculate_rougel(%j, %j) = %p', (generation, truth, score) => {
    expect(rougeLFMeasure(generation, truth)).toBe(score);
  });

  it('is 0 when no token is shared', () => {
    expect(rougeLFMeasure('red shoes', 'blue hat')).toBe(0);
  });
});

describe('longestCommonSubsequenceLength', () => {
  it.each([
    [[], [], 0],
    [['a'], [], 0],
    [['a', 'b', 'c'], ['a', 'b', 'c'], 3],
    [['a', 'b', 'c', 'b', 'd', 'a', 'b'], ['b', 'd', 'c', 'a', 'b', 'a'], 4],
    [['x', 'a', 'y', 'b'], ['a', 'b'], 2],
    [['a', 'b'], ['b', 'a'], 1],
  ])('%j vs %j -> %i (either order)', (first, second, length) => {
    expect(longestCommonSubsequenceLength(first, second)).toBe(length);
    expect(longestCommonSubsequenceLength(second, first)).toBe(length);
  });
});
