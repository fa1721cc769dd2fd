/** Python's `str.isspace()` set, used by `strip()`/`split()`/`int()` (P3); JS `\s` differs (BOM yes, \x1c-\x1f and \x85 no). */
export const PYTHON_WHITESPACE: ReadonlySet<string> = new Set([
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\x1c',
  '\x1d',
  '\x1e',
  '\x1f',
  ' ',
  '\x85',
  '\xa0',
  '\u1680',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
]);

// every Python whitespace character is one UTF-16 unit below U+3001: a table answers for a unit without a string
const WHITESPACE_UNITS = new Uint8Array(0x3001);
for (const character of PYTHON_WHITESPACE) WHITESPACE_UNITS[character.charCodeAt(0)] = 1;

/** Whether this UTF-16 unit is Python whitespace (a surrogate half never is: no whitespace lies outside the BMP). */
export function isPythonWhitespaceUnit(unit: number): boolean {
  return unit <= 0x3000 && WHITESPACE_UNITS[unit] === 1;
}
