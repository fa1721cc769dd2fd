import type { TaskType } from '../../../src/dataset/row';
import type { ParsedAnswer } from '../../../src/scoring/types';
import { parseKddCup2024 } from '../../../src/scoring/parsers/kddcup2024';

// The parser table of fixtures/parity (README "Parser examples"), Python 3.8 column.
const table: readonly (readonly [TaskType, string, ParsedAnswer])[] = [
  ['multiple-choice', '2', 2],
  ['multiple-choice', ' \n3\n', 3],
  ['multiple-choice', '(2)', -1],
  ['multiple-choice', 'Answer: 2', -1],
  ['multiple-choice', '2. table', 2],
  ['multiple-choice', '23', 2],
  ['multiple-choice', '-1', -1],
  ['multiple-choice', '\uff12', 2],
  ['multiple-choice', '\u0662', 2],
  ['multiple-choice', '\u0968', 2],
  ['multiple-choice', '\u0e52', 2],
  ['multiple-choice', '\u{1d7d0}', 2],
  ['multiple-choice', '\xb2', -1],
  ['multiple-choice', '\xbd', -1],
  ['multiple-choice', '\u4e8c', -1],
  ['multiple-choice', '\u2461', -1],
  ['multiple-choice', '\u2161', -1],
  ['multiple-choice', '+2', -1],
  ['multiple-choice', '\x1c2', 2],
  ['multiple-choice', '\x852', 2],
  ['multiple-choice', '\ufeff2', -1],
  ['multiple-choice', '\u200b2', -1],
  ['multiple-choice', '\u30002', 2],
  ['multiple-choice', ' '.repeat(5000) + '2', -1],
  ['multiple-choice', '', -1],
  ['ranking', '1, 2, 3, 4, 5', [1, 2, 3, 4, 5]],
  ['ranking', '[1, 2, 3, 4, 5]', [1, 2, 3, 4, 5]],
  ['ranking', '1, 2, 2, 3', []],
  ['ranking', '1,2,3,4,5,5', [1, 2, 3, 4, 5]],
  ['ranking', '6, 1, 2, 3', [1, 2, 3]],
  ['ranking', '0, 1, 2', [0, 1, 2]],
  ['ranking', '1 2 3', []],
  ['ranking', '1\n2\n3', []],
  ['ranking', '-1, 2', [1, 2]],
  ['ranking', '1.0, 2.0', []],
  ['ranking', '\uff11, \uff12', [1, 2]],
  ['ranking', '\uff11\uff0c\uff12', []],
  ['ranking', '1\xb2, 2', [2]],
  ['ranking', '4 > 1 > 3', []],
  ['ranking', '1, 2, and 3', [1, 2, 3]],
  ['retrieval', '6, 9, 15', [6, 9, 15]],
  ['retrieval', '6,9,15,2', [6, 9, 15]],
  ['retrieval', '6\n9\n15', [6915]],
  ['retrieval', '6, 9 and 15', [6]],
  ['retrieval', '6, 9, and 15', [6, 9, 15]],
  ['retrieval', '9.0, 13.0', [90, 130]],
  ['retrieval', '6\u30019\u300115', [6915]],
  ['retrieval', '06, -9, +15', [6, 9, 15]],
  ['retrieval', '1_5, 3', [15, 3]],
  ['retrieval', '\u0661\u0665, \u0663', [15, 3]],
  ['retrieval', '99999999999999999999, 3', [99999999999999999999n, 3]],
  ['retrieval', 'x'.repeat(4996) + '6, 9, 15', [6, 9]],
  ['retrieval', '\u{1f600}'.repeat(4996) + '6, 9, 15', [6, 9]],
  ['named_entity_recognition', "['a', 'b']", ['a', 'b']],
  ['named_entity_recognition', '["a", "b"]', ['a', 'b']],
  ['named_entity_recognition', '[a, b]', ['[a', 'b]']],
  ['named_entity_recognition', 'a, b', ['a', 'b']],
  ['named_entity_recognition', 'a, , b,', ['a', 'b']],
  ['named_entity_recognition', " ['a']", ["['a']"]],
  ['named_entity_recognition', "\t['a']", ["['a']"]],
  ['named_entity_recognition', "\n['a']", ['a']],
  ['named_entity_recognition', "\n ['a']", ["['a']"]],
  ['named_entity_recognition', "['a' 'b']", ['ab']],
  ['named_entity_recognition', "['a',]", ['a']],
  ['named_entity_recognition', "('a', 'b')", ["('a'", "'b')"]],
  ['named_entity_recognition', "{'a'}", ["{'a'}"]],
  ['named_entity_recognition', "['a', 1]", ["['a'", '1]']],
  ['named_entity_recognition', '[]', []],
  ['named_entity_recognition', "['']", ['']],
  ['named_entity_recognition', "['men's']", ["['men's']"]],
  ['named_entity_recognition', "['a'] # note", ['a']],
  ['named_entity_recognition', "[b'a']", ["[b'a']"]],
  ['named_entity_recognition', "[f'a']", ["[f'a']"]],
  ['named_entity_recognition', "['\\x61\\N{LATIN SMALL LETTER E WITH ACUTE}']", ['a\u00e9']],
  ['named_entity_recognition', "'a'", ["'a'"]],
  ['named_entity_recognition', 'a\nb, c', ['a\nb', 'c']],
  ['named_entity_recognition', ' ', []],
  ['named_entity_recognition', '1,000 piece', ['1', '000 piece']],
  ['generation', '\n  The answer \n\n', 'The answer'],
  ['generation', '\u3000x\x1c', 'x'],
  ['generation', '\ufeffx', '\ufeffx'],
];

describe('parseKddCup2024 worked examples (Python 3.8)', () => {
  it.each(table.map(([taskType, input, expected]) => [taskType, JSON.stringify(input).slice(0, 50), input, expected] as const))(
    '%s %s',
    (taskType, _label, input, expected) => {
      expect(parseKddCup2024(taskType, input)).toStrictEqual(expected);
    },
  );

  it('keeps Python ints: bigints beyond 2^53, numbers below', () => {
    const parsed = parseKddCup2024('retrieval', '9007199254740993, 9007199254740991') as readonly (number | bigint)[];
    expect(parsed.map((item) => typeof item)).toStrictEqual(['bigint', 'number']);
  });

  it('drops a comma item of more than 4300 digits (int() refuses it)', () => {
    expect(parseKddCup2024('retrieval', '7'.repeat(4301) + ', 3')).toStrictEqual([3]);
  });
});
