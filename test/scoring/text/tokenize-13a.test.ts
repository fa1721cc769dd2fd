import { bleuStatistics } from '../../../src/scoring/metrics/bleu';
import { tokenize13a } from '../../../src/scoring/text/tokenize-13a';

/** BLEU(lowercase=True)._preprocess_segment: lower(), rstrip(), then the tokenizer. */
function preprocess(line: string): string {
  return bleuStatistics(line, '', tokenize13a).hypothesisTokenized;
}

describe('sacrebleu 2.4.1 13a preprocessing (README table)', () => {
  it.each([
    ['Größe: 42-44 EU (Herren)', 'größe : 42 - 44 eu ( herren )'],
    ['a.b a,b 1.5 1,000 a.1 1.a', 'a . b a , b 1.5 1,000 a . 1 1 . a'],
    ['5-10 a-b 1-a a-1', '5 - 10 a-b 1 - a a-1'],
    ["L'Oréal, 50 ml.", "l'oréal , 50 ml ."],
    ['Schuhe &amp; Taschen &quot;neu&quot; &lt;b&gt; &amp;quot; &apos;', 'schuhe & taschen " neu " < b > & quot ; & apos ;'],
    ['<skipped> x -\ny', 'x y'],
    ['$5 @home #1 ~x ^y `z` |p| \\q {r}', '$ 5 @ home # 1 ~ x ^ y ` z ` | p | \\ q { r }'],
    ['STRASSE Straße \u0130pek \u039f\u0394\u039f\u03a3', 'strasse straße i\u0307pek \u03bf\u03b4\u03bf\u03c2'],
    ['x\xa0y\u3000z\x1cw\u200bv\ufeffu', 'x y z w\u200bv\ufeffu'],
    ['ends with a tokenized period .', 'ends with a tokenized period .'],
  ])('%j -> %j', (input, expected) => {
    expect(preprocess(input)).toBe(expected);
  });

  it('tokenizes without lowercasing when called directly', () => {
    expect(tokenize13a('A-1 B.c')).toBe('A-1 B . c');
  });

  it('splits on Python whitespace only (\\x1c and \\x85 yes, BOM and ZWSP no)', () => {
    expect(tokenize13a('\x1ca\x85b\ufeffc\u200bd\u3000 e ')).toBe('a b\ufeffc\u200bd e');
  });
});
