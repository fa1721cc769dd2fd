import { decodePythonStringBody } from './python-string-literal';
import { tokenizePython38, type PythonToken } from './python-tokenizer';

/** 3.8's LL parser overflows its stack (MemoryError "s_push: parser stack overflow") at 99 nested parentheses (measured). */
const MAX_PAREN_DEPTH = 98;
/** A surrogate without its partner: compile() must encode the source to UTF-8, which raises UnicodeEncodeError (a ValueError). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

class Cursor {
  private index = 0;
  constructor(private readonly tokens: readonly PythonToken[]) {}
  peek(): PythonToken | undefined {
    return this.tokens[this.index];
  }
  isOp(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'op' && token.text === text;
  }
  advance(): PythonToken | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }
}

/** Adjacent literals concatenate; all must be plain str (bytes, f-strings or a mix make literal_eval fail). */
function parseStringAtom(cursor: Cursor): string | null {
  let value = '';
  let count = 0;
  for (let token = cursor.peek(); token?.kind === 'string'; token = cursor.peek()) {
    if (/[bBfF]/.test(token.prefix)) return null;
    const decoded = decodePythonStringBody(token.body, /[rR]/.test(token.prefix));
    if (decoded === null) return null;
    value += decoded;
    count += 1;
    cursor.advance();
  }
  return count > 0 ? value : null;
}

/** element := '(' element ')' | STRING+ ; parentheses around one string keep it a str constant. */
function parseElement(cursor: Cursor, depth: number): string | null {
  if (cursor.isOp('(')) {
    if (depth + 1 > MAX_PAREN_DEPTH) return null;
    cursor.advance();
    const value = parseElement(cursor, depth + 1);
    if (value === null || !cursor.isOp(')')) return null;
    cursor.advance();
    return value;
  }
  return parseStringAtom(cursor);
}

/** list := '[' [element (',' element)* [',']] ']' */
function parseList(cursor: Cursor, depth: number): string[] | null {
  if (!cursor.isOp('[')) return null;
  cursor.advance();
  const items: string[] = [];
  while (!cursor.isOp(']')) {
    const item = parseElement(cursor, depth);
    if (item === null) return null;
    items.push(item);
    if (cursor.isOp(',')) cursor.advance();
    else if (!cursor.isOp(']')) return null;
  }
  cursor.advance();
  return items;
}

/** expression := '(' expression ')' | list */
function parseExpression(cursor: Cursor, depth: number): string[] | null {
  if (!cursor.isOp('(')) return parseList(cursor, depth);
  if (depth + 1 > MAX_PAREN_DEPTH) return null;
  cursor.advance();
  const value = parseExpression(cursor, depth + 1);
  if (value === null || !cursor.isOp(')')) return null;
  cursor.advance();
  return value;
}

/**
 * `ast.literal_eval(source)` under Python 3.8, accepted only when the result is a list of str (official NER parser, P7);
 * null where Python raises or yields anything else.
 */
export function literalEvalStringList(source: string): string[] | null {
  if (source.includes('\0') || LONE_SURROGATE.test(source)) return null;
  const tokens = tokenizePython38(source);
  if (tokens === null) return null;
  const cursor = new Cursor(tokens);
  const value = parseExpression(cursor, 0);
  if (value === null) return null;
  // eval_input: testlist NEWLINE* ENDMARKER
  while (cursor.peek()?.kind === 'newline') cursor.advance();
  return cursor.peek()?.kind === 'end' ? value : null;
}
