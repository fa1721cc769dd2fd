import { isPythonWhitespaceUnit, PYTHON_WHITESPACE } from './python-whitespace';
import { isPy38Numeric, py38LowerChanges } from './unicode-lookup';

export { pyInt } from './python-int';
export { PYTHON_WHITESPACE } from './python-whitespace';

/** Membership test for `strip(chars)`: a set of code points, or Python whitespace when chars is omitted. */
function stripSet(chars: string | undefined): ReadonlySet<string> {
  return chars === undefined ? PYTHON_WHITESPACE : new Set(Array.from(chars));
}

/** Length in UTF-16 units of the code point that ends at `end` (exclusive). */
function previousCodePointLength(s: string, end: number): number {
  const low = s.charCodeAt(end - 1);
  if (end >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = s.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return 2;
  }
  return 1;
}

function lstripIndex(s: string, set: ReadonlySet<string>): number {
  let index = 0;
  while (index < s.length) {
    const codePoint = s.codePointAt(index) ?? 0;
    const ch = String.fromCodePoint(codePoint);
    if (!set.has(ch)) break;
    index += ch.length;
  }
  return index;
}

function rstripIndex(s: string, set: ReadonlySet<string>, floor: number): number {
  let end = s.length;
  while (end > floor) {
    const width = previousCodePointLength(s, end);
    if (!set.has(s.slice(end - width, end))) break;
    end -= width;
  }
  return end;
}

/** Python `str.strip()` (Python whitespace) or `str.strip(chars)` (any code point of chars). */
export function pyStrip(s: string, chars?: string): string {
  if (chars === undefined) {
    let start = 0;
    let end = s.length;
    while (start < end && isPythonWhitespaceUnit(s.charCodeAt(start))) start += 1;
    while (end > start && isPythonWhitespaceUnit(s.charCodeAt(end - 1))) end -= 1;
    return s.slice(start, end);
  }
  const set = stripSet(chars);
  const start = lstripIndex(s, set);
  return s.slice(start, rstripIndex(s, set, start));
}

/** Python `str.lstrip()` / `str.lstrip(chars)`. */
export function pyLstrip(s: string, chars?: string): string {
  return s.slice(lstripIndex(s, stripSet(chars)));
}

/** Python `str.rstrip()` / `str.rstrip(chars)`. */
export function pyRstrip(s: string, chars?: string): string {
  if (chars === undefined) {
    // every Python whitespace character is one BMP unit, so units answer as code points do
    let end = s.length;
    while (end > 0 && isPythonWhitespaceUnit(s.charCodeAt(end - 1))) end -= 1;
    return end === s.length ? s : s.slice(0, end);
  }
  return s.slice(0, rstripIndex(s, stripSet(chars), 0));
}

/** Python `str.split()` without arguments: split on runs of Python whitespace, no empty pieces. */
export function pySplitWhitespace(s: string): string[] {
  // by UTF-16 unit and slice, not by code point and concatenation: the BLEU and ROUGE tokenizers split every text
  const pieces: string[] = [];
  let start = -1;
  for (let index = 0; index < s.length; index += 1) {
    if (isPythonWhitespaceUnit(s.charCodeAt(index))) {
      if (start !== -1) pieces.push(s.slice(start, index));
      start = -1;
    } else if (start === -1) {
      start = index;
    }
  }
  if (start !== -1) pieces.push(s.slice(start));
  return pieces;
}

/** Python `s[:end]`: the first `end` code points (JS `slice` counts UTF-16 units, P1). A lone surrogate counts as one. */
export function sliceCodePoints(s: string, end: number): string {
  if (s.length <= end) return s;
  let units = 0;
  let count = 0;
  while (count < end && units < s.length) {
    units += String.fromCodePoint(s.codePointAt(units) ?? 0).length;
    count += 1;
  }
  return s.slice(0, units);
}

/** Python 3.8 `str.isnumeric()` of one code point (Unicode 12.1 tables, incl. CJK numerals such as 七 that /\p{N}/u misses). */
export function pyIsNumeric(ch: string): boolean {
  const codePoint = ch.codePointAt(0);
  return codePoint !== undefined && isPy38Numeric(codePoint);
}

const ASSIGNED_BY_UNICODE_5 = /^[\x00-\u024f]*$/;

/** True when JS would lowercase this code point but Python 3.8 (Unicode 12.1) leaves it alone (a character added later). */
function keptByPython(ch: string): boolean {
  const codePoint = ch.codePointAt(0) ?? 0;
  return !py38LowerChanges(codePoint) && ch.toLowerCase() !== ch;
}

/**
 * Python 3.8 `str.lower()`. JS `toLowerCase()` agrees on every Unicode 12.1 code point (full mappings: 'İ' -> 'i̇',
 * Kelvin sign -> 'k', final sigma 'ΟΔΟΣ' -> 'οδος'; see test/scoring/text/python38-strings.jsonl). Only capitals added
 * after 12.1 differ (in Node 20: U+1C89, U+2C2F, U+A7C0-U+A7F5, U+10570-U+10595, U+10D50-U+10D65, U+16EA0-U+16EB8),
 * and those Python 3.8 keeps unchanged.
 */
export function pyLower(s: string): string {
  // U+0000-U+024F were all assigned by Unicode 5.0, so no capital there can be newer than 12.1 (BLEU's Latin text)
  if (ASSIGNED_BY_UNICODE_5.test(s)) return s.toLowerCase();
  let result = '';
  let segment = '';
  for (const ch of s) {
    if (keptByPython(ch)) {
      // a character unassigned in 12.1 is neither cased nor case-ignorable, so it bounds the final-sigma context
      result += segment.toLowerCase() + ch;
      segment = '';
    } else {
      segment += ch;
    }
  }
  return result + segment.toLowerCase();
}
