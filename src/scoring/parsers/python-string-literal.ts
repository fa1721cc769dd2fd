import { lookupPy38CharacterName } from '../text/unicode-name-lookup';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const HEX_ESCAPE_LENGTHS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

interface Escape {
  readonly text: string;
  /** Index just past the escape sequence. */
  readonly next: number;
}

function hexEscape(body: string, index: number, length: number): Escape | null {
  const digits = body.slice(index, index + length);
  if (digits.length !== length || !/^[0-9a-fA-F]+$/.test(digits)) return null; // "truncated \xXX escape"
  const codePoint = parseInt(digits, 16);
  if (codePoint > 0x10ffff) return null; // "illegal Unicode character"
  // \uD800-style escapes give lone surrogates in Python too; fromCharCode keeps them as single units
  return { text: codePoint <= 0xffff ? String.fromCharCode(codePoint) : String.fromCodePoint(codePoint), next: index + length };
}

function namedEscape(body: string, index: number): Escape | null {
  if (body[index] !== '{') return null; // "malformed \N character escape"
  const close = body.indexOf('}', index + 1);
  if (close <= index + 1) return null;
  const text = lookupPy38CharacterName(body.slice(index + 1, close));
  return text === undefined ? null : { text, next: close + 1 };
}

/** One escape starting after the backslash at `index`; null where Python 3.8 raises a SyntaxError. */
function decodeEscape(body: string, index: number): Escape | null {
  const ch = body[index] ?? '';
  const simple = SIMPLE_ESCAPES[ch];
  if (simple !== undefined) return { text: simple, next: index + 1 };
  if (ch >= '0' && ch <= '7') {
    let end = index + 1;
    while (end < index + 3 && (body[end] ?? '') >= '0' && (body[end] ?? '') <= '7') end += 1;
    return { text: String.fromCharCode(parseInt(body.slice(index, end), 8)), next: end };
  }
  const hexLength = HEX_ESCAPE_LENGTHS[ch];
  if (hexLength !== undefined) return hexEscape(body, index + 1, hexLength);
  if (ch === 'N') return namedEscape(body, index + 1);
  // an unknown escape such as \d stays as written (only a DeprecationWarning in 3.8)
  return { text: '\\' + ch, next: index + 1 };
}

/** The value of a non-bytes string literal body (quotes removed), or null where Python 3.8 raises. */
export function decodePythonStringBody(body: string, raw: boolean): string | null {
  if (raw) return body;
  let value = '';
  let index = 0;
  while (index < body.length) {
    const backslash = body.indexOf('\\', index);
    if (backslash < 0) return value + body.slice(index);
    value += body.slice(index, backslash);
    const escape = decodeEscape(body, backslash + 1);
    if (escape === null) return null;
    value += escape.text;
    index = escape.next;
  }
  return value;
}
