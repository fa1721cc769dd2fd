import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { literalEvalStringList } from '../../../src/scoring/parsers/python-literal';

interface LiteralReference {
  readonly source: string;
  readonly expected: string[] | null;
}

// Recorded with Python 3.8.18 by fixtures/generators/gen-python38-references.py (ast.literal_eval, accepted only as a list of str).
const references = readFileSync(join(__dirname, 'python38-literal-eval.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as LiteralReference);

describe('literalEvalStringList reproduces Python 3.8 ast.literal_eval', () => {
  it('has the recorded references, accepted and rejected ones', () => {
    expect(references).toHaveLength(2569);
    expect(references.filter((reference) => reference.expected !== null).length).toBeGreaterThan(700);
  });

  it.each(references.map((reference, index) => [index, JSON.stringify(reference.source).slice(0, 80), reference] as const))(
    'reference %d: %s',
    (_index, _label, reference) => {
      expect(literalEvalStringList(reference.source)).toStrictEqual(reference.expected);
    },
  );
});

describe('literal_eval edge cases of the parity README (P7)', () => {
  it.each([
    ["['a', 'b']", ['a', 'b']],
    ['["a", "b"]', ['a', 'b']],
    ['[a, b]', null],
    [" ['a']", null], // IndentationError in 3.8 (3.10+ strips leading blanks)
    ["\t['a']", null],
    ["\n['a']", ['a']],
    ["\n ['a']", null],
    ["['a' 'b']", ['ab']],
    ["['a',]", ['a']],
    ["('a', 'b')", null],
    ["{'a'}", null],
    ["['a', 1]", null],
    ['[]', []],
    ["['']", ['']],
    ["['men's']", null],
    ["['a'] # note", ['a']],
    ["[b'a']", null],
    ["[f'a']", null],
    ["['\\x61\\N{LATIN SMALL LETTER E WITH ACUTE}']", ['a\u00e9']],
    ["'a'", null],
    ["['\\u00e9\\U0001F600\\101\\0']", ['\u00e9\u{1f600}A\0']],
    ["['a\\\nb']", ['ab']],
    ["[\n'a' # c\n,\n'b']", ['a', 'b']],
    ["['''a\nb''']", ['a\nb']],
    ["[u'a', R'\\d', Rb'c']", null],
    ["[ur'a']", null],
    ["['a']\n   ", null], // an indented last line is an INDENT token in 3.8
    ["['\\N{NO SUCH CHARACTER}']", null],
    ["['\\N{HANGUL SYLLABLE GAG}\\N{CJK UNIFIED IDEOGRAPH-4E00}']", ['\uac01\u4e00']],
    ["['a']\0", null],
  ] as const)('literal_eval(%j)', (source, expected) => {
    expect(literalEvalStringList(source)).toStrictEqual(expected);
  });
});
