import { calculateBleuScore } from '../../../src/scoring/metrics/bleu';
import { loadJapaneseTokenizer, type JapaneseTokenizer } from '../../../src/scoring/text/japanese-tokenizer';
import { expectBleuCaseExact, loadBleuParityCases } from './bleu-parity-cases';

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
    expectBleuCaseExact(item, tokenize);
  });

  it('README example: calculate_bleu_score(これはペンです。, これはペンです。, is_japanese=True)', () => {
    expect(calculateBleuScore('これはペンです。', 'これはペンです。', tokenize)).toBe(1.0000000000000004);
  });
});
