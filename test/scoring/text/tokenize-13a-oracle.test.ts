import { tokenize13a, tokenize13aTokens } from '../../../src/scoring/text/tokenize-13a';
import { pySplitWhitespace } from '../../../src/scoring/text/python-string';
import { randomTexts } from '../oracles/random-text';
import { tokenize13aByRegex } from '../oracles/tokenize-13a-by-regex';

describe('the one-scan 13a tokenizer against the four regex passes it replaced', () => {
  it.each([
    ['a..5', 'a . .5'],
    ['a...5', 'a . . . 5'],
    ['5..5', '5 . . 5'],
    ['5...5', '5 . . .5'],
    ['5.5', '5.5'],
    [',5', ', 5'],
    ['5,', '5 ,'],
    ['.5', '. 5'],
    ['x-5-y 5--', 'x-5 - y 5 - -'],
    ['&amp;quot;', '& quot ;'],
  ])('%j -> %j (the run and dash rules)', (input, expected) => {
    expect(tokenize13aByRegex(input)).toBe(expected);
    expect(tokenize13a(input)).toBe(expected);
  });

  it('agrees exactly on 20,000 generated strings', () => {
    const differences: string[] = [];
    for (const text of randomTexts(20_000, 13)) {
      if (tokenize13a(text) !== tokenize13aByRegex(text)) differences.push(text);
    }
    expect(differences.slice(0, 5)).toEqual([]);
  });

  it('gives the tokens of its own output, none empty', () => {
    for (const text of randomTexts(2_000, 14)) {
      const tokens = tokenize13aTokens(text);
      expect(tokens).toEqual(pySplitWhitespace(tokens.join(' ')));
    }
  });
});
