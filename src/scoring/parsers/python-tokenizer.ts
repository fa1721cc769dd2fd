/**
 * The subset of CPython 3.8's tokenizer (Parser/tokenizer.c) that a list of string literals can use, run on a
 * source given to `compile(..., 'eval')` as str. Any other token ends tokenizing: no such source can evaluate to a list
 * of str, so the caller falls back either way.
 */

export type PythonToken =
  | { readonly kind: 'op'; readonly text: '[' | ']' | '(' | ')' | ',' }
  | { readonly kind: 'string'; readonly prefix: string; readonly body: string }
  | { readonly kind: 'newline' }
  | { readonly kind: 'end' };

const TAB_SIZE = 8;
const OPERATORS = new Set(['[', ']', '(', ')', ',']);

/** 3.8's tokenizer reads `\r\n` and `\r` as `\n` (translate_newlines), also inside string literals. */
function translateNewlines(source: string): string {
  return source.replace(/\r\n?/g, '\n');
}

/** The legal str/bytes prefixes of 3.8 (b, r, u, f in their allowed combinations, any case). */
function isStringPrefix(prefix: string): boolean {
  return /^(?:[bB][rR]?|[rR][bB]?|[uU]|[fF][rR]?|[rR][fF])?$/.test(prefix);
}

interface StringScan {
  readonly body: string;
  readonly next: number;
}

/** Scans a quoted literal starting at the opening quote; null on an unterminated literal. */
function scanString(source: string, start: number): StringScan | null {
  const quote = source[start] ?? '';
  const triple = source.startsWith(quote.repeat(3), start);
  const delimiter = triple ? quote.repeat(3) : quote;
  let index = start + delimiter.length;
  while (index < source.length) {
    const ch = source[index];
    if (source.startsWith(delimiter, index)) {
      return { body: source.slice(start + delimiter.length, index), next: index + delimiter.length };
    }
    if (ch === '\n' && !triple) return null; // "EOL while scanning string literal"
    // the tokenizer skips the character after a backslash, even in raw strings
    index += ch === '\\' ? 2 : 1;
  }
  return null;
}

/** Indentation width of the line starting at `index`, as 3.8 counts it (tab to next multiple of 8, form feed resets). */
function measureIndent(source: string, index: number): { column: number; next: number } {
  let column = 0;
  let next = index;
  for (;;) {
    const ch = source[next];
    if (ch === ' ') column += 1;
    else if (ch === '\t') column = (Math.floor(column / TAB_SIZE) + 1) * TAB_SIZE;
    else if (ch === '\f') column = 0;
    else break;
    next += 1;
  }
  return { column, next };
}

/** Tokens of `source` per Python 3.8, or null where 3.8 raises or a token outside the subset appears. */
export function tokenizePython38(rawSource: string): PythonToken[] | null {
  const source = translateNewlines(rawSource);
  const tokens: PythonToken[] = [];
  let index = 0;
  let level = 0;
  let atLineStart = true;
  let blankLine = false;
  for (;;) {
    if (atLineStart) {
      atLineStart = false;
      const indent = measureIndent(source, index);
      index = indent.next;
      blankLine = source[index] === '#' || source[index] === '\n';
      // 3.8 does not strip leading blanks: an indented first line is IndentationError (3.10+ would accept it)
      if (!blankLine && level === 0 && indent.column !== 0) return null;
    }
    while (source[index] === ' ' || source[index] === '\t' || source[index] === '\f') index += 1;
    if (source[index] === '#') {
      while (index < source.length && source[index] !== '\n') index += 1;
    }
    if (index >= source.length) {
      if (level > 0) return null; // "unexpected EOF while parsing"
      tokens.push({ kind: 'end' });
      return tokens;
    }
    const ch = source[index] ?? '';
    if (ch === '\n') {
      index += 1;
      atLineStart = true;
      if (!blankLine && level === 0) tokens.push({ kind: 'newline' });
      continue;
    }
    if (ch === '\\') {
      // line continuation: only before a newline, and not at the very end
      if (source[index + 1] !== '\n' || index + 2 >= source.length) return null;
      index += 2;
      continue;
    }
    if (OPERATORS.has(ch)) {
      level += ch === '[' || ch === '(' ? 1 : ch === ']' || ch === ')' ? -1 : 0;
      if (level < 0) return null;
      tokens.push({ kind: 'op', text: ch as '[' | ']' | '(' | ')' | ',' });
      index += 1;
      continue;
    }
    const prefix = /^[A-Za-z]{0,2}/.exec(source.slice(index, index + 2))?.[0] ?? '';
    const quoteAt = index + prefix.length;
    if (!isStringPrefix(prefix) || (source[quoteAt] !== "'" && source[quoteAt] !== '"')) return null;
    const scanned = scanString(source, quoteAt);
    if (scanned === null) return null;
    tokens.push({ kind: 'string', prefix, body: scanned.body });
    index = scanned.next;
  }
}
