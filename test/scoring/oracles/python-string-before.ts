/**
 * Reference oracle: Python `rstrip()` and `lower()` as src/scoring/text/python-string.ts computed them before their
 * fast paths (code point by code point against the whitespace set; per-character lowering outside ASCII).
 */
import { PYTHON_WHITESPACE } from '../../../src/scoring/text/python-whitespace';
import { py38LowerChanges } from '../../../src/scoring/text/unicode-lookup';

function previousCodePointLength(s: string, end: number): number {
  const low = s.charCodeAt(end - 1);
  if (end >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = s.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return 2;
  }
  return 1;
}

export function pyRstripBefore(s: string): string {
  let end = s.length;
  while (end > 0) {
    const width = previousCodePointLength(s, end);
    if (!PYTHON_WHITESPACE.has(s.slice(end - width, end))) break;
    end -= width;
  }
  return s.slice(0, end);
}

function keptByPython(ch: string): boolean {
  const codePoint = ch.codePointAt(0) ?? 0;
  return !py38LowerChanges(codePoint) && ch.toLowerCase() !== ch;
}

export function pyLowerBefore(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  let result = '';
  let segment = '';
  for (const ch of s) {
    if (keptByPython(ch)) {
      result += segment.toLowerCase() + ch;
      segment = '';
    } else {
      segment += ch;
    }
  }
  return result + segment.toLowerCase();
}
