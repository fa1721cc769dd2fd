import { bleuStatistics, calculateBleuScore, firstLine, sentenceBleu } from '../../../src/scoring/metrics/bleu';
import { tokenize13a } from '../../../src/scoring/text/tokenize-13a';
import { expectBleuCaseExact, loadBleuParityCases } from './bleu-parity-cases';

const cases13a = loadBleuParityCases().filter((item) => item.metric === 'bleu');

describe('bleu (13a) against the official scorers (parity cases)', () => {
  it('has the public cases', () => {
    expect(cases13a.length).toBe(68);
  });

  it.each(cases13a.map((item) => [item.id, item] as const))('%s: statistics and both scores are exact', (_id, item) => {
    const debug = item.kddcup2024.debug;
    expect(firstLine(item.kddcup2024.parsed)).toBe(debug.first_line);
    expectBleuCaseExact(item, tokenize13a);
  });
});

describe('KDD Cup metric examples (README table, 13a rows)', () => {
  it.each([
    ['Nike Air Max 90', 'Nike Air Max 90', 1.0000000000000004],
    ['Nike Air Max', 'Nike Air Max', 0.0],
    ['nike air max 90', 'NIKE AIR MAX 90', 1.0000000000000004],
    ['Nike Air Max 90', 'Nike Air Max 90 Herren', 0.7788007830714052],
    ['Nike Air Max 90 Herren Schuhe', 'Nike Air Max 90', 0.508132748154615],
    ['Air Max Nike 90', 'Nike Air Max 90', 0.3799178428257963],
    ['', 'Nike Air Max 90', 0.0],
    ['Nike Air Max 90\nHerren', 'Nike Air Max 90', 1.0000000000000004],
    [' \nNike Air Max 90', 'Nike Air Max 90', 0.0],
    ['Schuhe &amp; Taschen für Damen', 'Schuhe & Taschen für Damen', 1.0000000000000004],
    ['これはペンです。', 'これはペンです。', 0.0],
  ])('calculate_bleu_score(%j, %j) = %p', (generation, truth, expected) => {
    expect(calculateBleuScore(generation, truth, tokenize13a)).toBe(expected);
  });

  it('uses the correctly rounded exp (README N1 example: 91.21679090703874, not V8 ...76)', () => {
    // precisions 12/13, 11/12, 10/11, 9/10: hypothesis of 13 tokens = reference plus one extra token
    const reference = 'a b c d e f g h i j k l';
    const statistics = bleuStatistics(`${reference} z`, reference, tokenize13a);
    expect(statistics.counts).toEqual([12, 11, 10, 9]);
    expect(statistics.score).toBe(91.21679090703874);
    expect(sentenceBleu(`${reference} z`, reference, tokenize13a)).toBe(0.9121679090703875);
  });
});

describe('firstLine', () => {
  it.each([
    ['\n\nfirst\nsecond\n', 'first'],
    [' \nsecond', ' '],
    ['\r\nx', '\r'],
    ['', ''],
  ])('%j -> %j', (text, expected) => {
    expect(firstLine(text)).toBe(expected);
  });
});
