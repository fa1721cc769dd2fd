import { bleuStatistics, calculateBleuScore } from '../../../src/scoring/metrics/bleu';
import { loadJapaneseTokenizer, type JapaneseTokenizer } from '../../../src/scoring/text/japanese-tokenizer';
import { loadBleuParityCases } from './bleu-parity-cases';

const casesJapanese = loadBleuParityCases().filter((item) => item.metric === 'jp-bleu');

let japanese: JapaneseTokenizer;
const tokenize = (line: string) => japanese.tokenize(line);
beforeAll(async () => {
  japanese = await loadJapaneseTokenizer();
});

describe('jp-bleu (ja-mecab) against the official scorers (parity cases)', () => {
  it('has the public cases', () => {
    expect(casesJapanese.length).toBe(33);
  });

  it.each(casesJapanese.map((item) => [item.id, item] as const))('%s: tokens, statistics and both scores are exact', (_id, item) => {
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
  });

  it('README example: calculate_bleu_score(これはペンです。, これはペンです。, is_japanese=True)', () => {
    expect(calculateBleuScore('これはペンです。', 'これはペンです。', tokenize)).toBe(1.0000000000000004);
  });
});
