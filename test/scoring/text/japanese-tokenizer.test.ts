import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadJapaneseTokenizer, type JapaneseTokenizer } from '../../../src/scoring/text/japanese-tokenizer';

/** MeCab 0.996 + stock IPADIC segmentations (fixtures/generators/gen-mecab-reference.py); inputs are already lower()ed and rstrip()ped. */
const references: (readonly [string, string])[] = readFileSync(join(__dirname, '../../../fixtures/japanese/mecab-reference.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [input, mecab] = line.split('\t').map((field) => JSON.parse(field) as string);
    return [input ?? '', mecab ?? ''] as const;
  });

/** Reference inputs where we still differ from MeCab (none at the time of writing); a new one fails the test. */
const KNOWN_MISMATCHES: readonly string[] = [];
const MINIMUM_MATCHES = 489;

let tokenizer: JapaneseTokenizer;
beforeAll(async () => {
  tokenizer = await loadJapaneseTokenizer();
});

describe('Japanese tokenizer against MeCab -Owakati (stock IPADIC)', () => {
  it('matches every reference segmentation except the known mismatches', () => {
    const mismatches = references.filter(([input, mecab]) => tokenizer.tokenize(input) !== mecab).map(([input]) => input);
    expect(mismatches).toEqual(KNOWN_MISMATCHES);
    expect(references.length - mismatches.length).toBeGreaterThanOrEqual(MINIMUM_MATCHES);
  });

  it.each([
    ['これはペンです。', 'これ は ペン です 。'],
    ['令和元年発売', '令 和 元年 発売'],
    ['ipad 9.7インチ (2018/2017 第6/5世代用)', 'ipad 9 . 7 インチ ( 2018 / 2017 第 6 / 5 世代 用 )'],
    ['\uff41\uff42\uff43 \uff11\uff12\uff13', '\uff41\uff42\uff43 \uff11 \uff12 \uff13'],
    ['\uff71\uff72\uff98\uff7d', '\uff71\uff72\uff98\uff7d'],
    ['  東京都  ', '東京 都'],
    ['', ''],
  ])('README ja-mecab table: %j -> %j', (input, expected) => {
    expect(tokenizer.tokenize(input)).toBe(expected);
  });

  it.each([
    // a run longer than 25 characters gets no grouped candidate: leading characters split off one by one
    ['abcdefghijklmnopqrstuvwxyzabcdef', 'a b c d e f g hijklmnopqrstuvwxyzabcdef'],
    // the ideographic space is a SYMBOL token for MeCab, not a separator
    ['東京都\u3000渋谷区', '東京 都 \u3000 渋谷 区'],
    // spaces and tabs only separate; U+00D0 is ALPHA (a later char.def line overrides SPACE)
    ['a\tb  c', 'a b c'],
    ['\xd0a\xd0 b', '\xd0a\xd0 b'],
    // astral characters read as code 0 (DEFAULT) and group with each other
    ['\u{1f600}\u{1f600}ab', '\u{1f600}\u{1f600} ab'],
  ])('MeCab quirk: %j -> %j', (input, expected) => {
    expect(tokenizer.tokenize(input)).toBe(expected);
  });
});
