import type { PyInt } from '../../dataset/row';
import { PYTHON_WHITESPACE } from './python-whitespace';
import { py38DecimalValue } from './unicode-lookup';

/**
 * int() copies ASCII as is and maps only non-ASCII whitespace to ' ', then skips C isspace(): so \x1c-\x1f, which
 * str.strip() removes, make int() raise.
 */
const INT_WHITESPACE: ReadonlySet<string> = new Set([...PYTHON_WHITESPACE].filter((ch) => ch < '\x1c' || ch > '\x1f'));

/** CPython >= 3.8.14 refuses decimal strings of more than 4300 digits (sys.int_max_str_digits) with ValueError. */
const MAX_STR_DIGITS = 4300;

/** Up to 15 decimal digits a double holds exactly, so no BigInt is needed (the usual case: answers like "3"). */
const EXACT_NUMBER_DIGITS = 15;

/** Integers stay JS numbers while safe; Python ints are unbounded, so larger ones become bigints. */
function toPyInt(negative: boolean, digits: string): PyInt {
  if (digits.length <= EXACT_NUMBER_DIGITS) {
    const magnitude = Number(digits);
    // Python has no -0: int("-0") is 0
    return negative && magnitude !== 0 ? -magnitude : magnitude;
  }
  const value = BigInt(digits);
  const signed = negative ? -value : value;
  return signed >= BigInt(Number.MIN_SAFE_INTEGER) && signed <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(signed) : signed;
}

/**
 * Python 3.8 `int(text)` (base 10): whitespace around (Python's set less \x1c-\x1f), one optional sign, digits of any Unicode category Nd,
 * single underscores only between digits, at most 4300 digits. Returns null where Python raises ValueError.
 */
export function pyInt(text: string): PyInt | null {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && INT_WHITESPACE.has(chars[start] ?? '')) start += 1;
  while (end > start && INT_WHITESPACE.has(chars[end - 1] ?? '')) end -= 1;
  let negative = false;
  if (chars[start] === '+' || chars[start] === '-') {
    negative = chars[start] === '-';
    start += 1;
  }
  let digits = '';
  let previousWasDigit = false;
  for (let index = start; index < end; index += 1) {
    const ch = chars[index] ?? '';
    if (ch === '_') {
      // official int(): an underscore must sit between two digits
      if (!previousWasDigit || index + 1 >= end) return null;
      previousWasDigit = false;
      continue;
    }
    const value = py38DecimalValue(ch.codePointAt(0) ?? -1);
    if (value < 0) return null;
    digits += String(value);
    previousWasDigit = true;
  }
  if (digits === '' || digits.length > MAX_STR_DIGITS) return null;
  return toPyInt(negative, digits);
}
