import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PYTHON_WHITESPACE,
  pyInt,
  pyIsNumeric,
  pyLower,
  pyLstrip,
  pyRstrip,
  pySplitWhitespace,
  pyStrip,
  sliceCodePoints,
} from '../../../src/scoring/text/python-string';

// All *.jsonl files here were recorded with Python 3.8.18 by fixtures/generators/gen-python38-references.py.
function readReferences<T>(file: string): T[] {
  return readFileSync(join(__dirname, file), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}

interface StringReference {
  readonly text: string;
  readonly strip: string;
  readonly lstrip: string;
  readonly rstrip: string;
  readonly split: string[];
  readonly strip_space: string;
  readonly strip_chars: string;
  readonly lower: string;
  readonly head3: string;
}

const strings = readReferences<StringReference>('python38-strings.jsonl');
const ints = readReferences<{ text: string; expected: string | null }>('python38-int.jsonl');
const codePoints = readReferences<{ cp: number; isnumeric: boolean; decimal: number }>('python38-code-points.jsonl');

describe('string helpers reproduce Python 3.8 str methods', () => {
  it('has the recorded references', () => {
    expect([strings.length, ints.length, codePoints.length]).toStrictEqual([800, 1525, 2357]);
  });

  it.each(strings.map((reference, index) => [index, JSON.stringify(reference.text), reference] as const))(
    'string %d: %s',
    (_index, _label, reference) => {
      const text = reference.text;
      expect({
        strip: pyStrip(text),
        lstrip: pyLstrip(text),
        rstrip: pyRstrip(text),
        split: pySplitWhitespace(text),
        strip_space: pyStrip(text, ' '),
        strip_chars: pyStrip(text, 'a\u{1f600}\n'),
        lower: pyLower(text),
        head3: sliceCodePoints(text, 3),
      }).toStrictEqual({
        strip: reference.strip,
        lstrip: reference.lstrip,
        rstrip: reference.rstrip,
        split: reference.split,
        strip_space: reference.strip_space,
        strip_chars: reference.strip_chars,
        lower: reference.lower,
        head3: reference.head3,
      });
    },
  );

  it.each(ints.map((reference, index) => [index, JSON.stringify(reference.text).slice(0, 60), reference] as const))(
    'int() %d: %s',
    (_index, _label, reference) => {
      const value = pyInt(reference.text);
      expect(value === null ? null : String(value)).toBe(reference.expected);
      if (value !== null) expect(typeof value).toBe(Number.isSafeInteger(Number(value)) ? 'number' : 'bigint');
    },
  );

  it('isnumeric() and int() of one character agree with Python 3.8 on a sample of code points and every range boundary', () => {
    const mismatches = codePoints.filter((reference) => {
      const ch = String.fromCodePoint(reference.cp);
      const value = pyInt(ch);
      // int() of one character succeeds exactly for decimal digits (and gives their value)
      return pyIsNumeric(ch) !== reference.isnumeric || value !== (reference.decimal >= 0 ? reference.decimal : null);
    });
    expect(mismatches).toStrictEqual([]);
  });
});

describe('worked examples of the parity README', () => {
  it.each([
    ['7', true, 7],
    ['\uff17', true, 7],
    ['\u0667', true, 7],
    ['\u096d', true, 7],
    ['\u0e57', true, 7],
    ['\u{1d7d5}', true, 7],
    ['\xb2', true, null],
    ['\xbd', true, null],
    ['\u4e03', true, null],
    ['\u2166', true, null],
    ['\u2466', true, null],
    ['\u2077', true, null],
  ] as const)('isnumeric(%j) = %s, int() = %s', (ch, numeric, value) => {
    expect(pyIsNumeric(ch)).toBe(numeric);
    expect(pyInt(ch)).toBe(value);
  });

  it('P3: the Python whitespace set', () => {
    expect(pyStrip('\x1c2')).toBe('2');
    expect(pyStrip('\x852')).toBe('2');
    expect(pyStrip('\ufeff2')).toBe('\ufeff2');
    expect(pyStrip('\u200b2')).toBe('\u200b2');
    expect(pyStrip('\u30002')).toBe('2');
    expect(PYTHON_WHITESPACE.has('\u180e')).toBe(false);
    expect(pySplitWhitespace('a\x1cb\ufeffc  d')).toStrictEqual(['a', 'b\ufeffc', 'd']);
  });

  it('M3: lower() is full Unicode lowercasing with final sigma', () => {
    expect(pyLower('\u0130STANBUL')).toBe(pyLower('\u0130stanbul'));
    expect(Array.from(pyLower('\u0130stanbul'))).toHaveLength(9);
    expect(pyLower('\u039f\u0394\u039f\u03a3')).toBe('\u03bf\u03b4\u03bf\u03c2');
    expect(pyLower('\u212a')).toBe('k');
    expect(pyLower('STRASSE')).not.toBe('stra\xdfe');
    // characters added after Unicode 12.1 are left alone by Python 3.8
    expect(pyLower('\u2c2f\u03a3')).toBe('\u2c2f\u03c3');
  });

  it('P1: slicing counts code points', () => {
    expect(sliceCodePoints('\u{1f600}'.repeat(3) + 'ab', 4)).toBe('\u{1f600}'.repeat(3) + 'a');
    expect(sliceCodePoints('abc', 5000)).toBe('abc');
  });

  it('int(): signs, underscores, Unicode digits, big integers and the 4300-digit limit', () => {
    expect(pyInt(' -\u0661\u0665 ')).toBe(-15);
    expect(pyInt('1_5')).toBe(15);
    expect(pyInt('1__5')).toBeNull();
    expect(pyInt('+ 1')).toBeNull();
    expect(pyInt('-0')).toBe(0);
    expect(pyInt('99999999999999999999')).toBe(99999999999999999999n);
    expect(pyInt('9'.repeat(4300))).toBe(BigInt('9'.repeat(4300)));
    expect(pyInt('9'.repeat(4301))).toBeNull();
  });
});
