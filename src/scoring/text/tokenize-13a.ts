/**
 * sacrebleu 2.4.1's default `13a` tokenizer (mteval-v13a), as `evaluate.load("sacrebleu")` runs it
 * for the official `bleu` metric (parity README M6).
 *
 * sacrebleu runs four left-to-right `re.sub` passes over ` line ` and then `' '.join(line.split())`:
 *   1. `([\{-\~\[-\` -\&\(-\+\:-\@\/])` -> ` \1 `   every symbol becomes its own token
 *   2. `([^0-9])([\.,])` -> `\1 \2 `                  a period or comma after a non-digit
 *   3. `([\.,])([^0-9])` -> ` \1 \2`                  a period or comma before a non-digit
 *   4. `([0-9])(-)` -> `\1 \2 `                       a dash after a digit
 * The passes only insert spaces, so the result is the text cut at a set of places. This file finds those places in
 * one scan without building the four intermediate strings (test/scoring/text/tokenize-13a-oracle.test.ts checks it
 * against the four regex passes on thousands of generated strings). Working the passes through for a maximal run
 * p1..pk of periods and commas between the characters P and N:
 *   - pass 2 pairs its matches left to right, so it cuts around p1, p3, ... after a non-digit P, and around p2, p4, ...
 *     after a digit P; either way every two neighbours in the run end up apart;
 *   - pass 3 then cuts around every member that pass 2 left alone, except when it is pk and N is a digit;
 * so each member is a token of its own except a last member that pass 2 skipped and a digit follows (`1.5`, `a..5`:
 * `a . .5`), which stays glued to N and, when k = 1, to P. Pass 4 cuts before and after each `-` that follows a digit.
 */
import { isPythonWhitespaceUnit } from './python-whitespace';

const OTHER = 0;
const SYMBOL = 1;
const PERIOD_OR_COMMA = 2;
const DIGIT = 3;
const DASH = 4;

/** The class of each ASCII unit; every other unit is OTHER (or Python whitespace, tested first). */
const ASCII_CLASS = ((): Uint8Array => {
  const classes = new Uint8Array(128);
  const mark = (first: string, last: string, kind: number): void => {
    for (let unit = first.charCodeAt(0); unit <= last.charCodeAt(0); unit += 1) classes[unit] = kind;
  };
  // pass 1's class: {-~  [-`  space-&  (-+  :-@  /
  mark('{', '~', SYMBOL);
  mark('[', '`', SYMBOL);
  mark(' ', '&', SYMBOL);
  mark('(', '+', SYMBOL);
  mark(':', '@', SYMBOL);
  mark('/', '/', SYMBOL);
  mark('.', '.', PERIOD_OR_COMMA);
  mark(',', ',', PERIOD_OR_COMMA);
  mark('0', '9', DIGIT);
  mark('-', '-', DASH);
  return classes;
})();

function classOf(unit: number): number {
  return unit < 128 ? (ASCII_CLASS[unit] as number) : OTHER;
}

/** sacrebleu's line clean-up before the regex passes (it runs exactly these `str.replace` calls, in this order). */
function cleanLine(line: string): string {
  let text = line;
  if (text.includes('<skipped>')) text = text.replaceAll('<skipped>', '');
  if (text.includes('\n')) text = text.replaceAll('-\n', '').replaceAll('\n', ' ');
  if (text.includes('&')) {
    // each entity replaced once, in this order: '&amp;quot;' -> '&quot;' stays (sacrebleu quirk)
    text = text.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  return text;
}

/** `Tokenizer13a()(line).split()`: the tokens, none empty and none with Python whitespace. */
export function tokenize13aTokens(line: string): string[] {
  const text = cleanLine(line);
  const length = text.length;
  const tokens: string[] = [];
  // the token being read starts here; -1 when the last unit ended one
  let start = -1;
  let index = 0;
  while (index < length) {
    const unit = text.charCodeAt(index);
    const kind = classOf(unit);
    if (isPythonWhitespaceUnit(unit)) {
      if (start !== -1) tokens.push(text.slice(start, index));
      start = -1;
      index += 1;
    } else if (kind === SYMBOL || (kind === DASH && index > 0 && classOf(text.charCodeAt(index - 1)) === DIGIT)) {
      if (start !== -1) tokens.push(text.slice(start, index));
      tokens.push(text[index] as string);
      start = -1;
      index += 1;
    } else if (kind === PERIOD_OR_COMMA) {
      let runEnd = index + 1;
      while (runEnd < length && classOf(text.charCodeAt(runEnd)) === PERIOD_OR_COMMA) runEnd += 1;
      // outside the text is the space sacrebleu pads it with: not a digit
      const afterDigit = index > 0 && classOf(text.charCodeAt(index - 1)) === DIGIT;
      const beforeDigit = runEnd < length && classOf(text.charCodeAt(runEnd)) === DIGIT;
      const runLength = runEnd - index;
      // pass 2 skipped the last member when its pairing (odd after a non-digit, even after a digit) missed it
      const lastStaysGlued = beforeDigit && (afterDigit ? runLength % 2 === 1 : runLength % 2 === 0);
      const isolatedEnd = lastStaysGlued ? runEnd - 1 : runEnd;
      for (; index < isolatedEnd; index += 1) {
        if (start !== -1) tokens.push(text.slice(start, index));
        tokens.push(text[index] as string);
        start = -1;
      }
      if (lastStaysGlued) {
        if (start === -1) start = index;
        index += 1;
      }
    } else {
      if (start === -1) start = index;
      index += 1;
    }
  }
  if (start !== -1) tokens.push(text.slice(start));
  return tokens;
}

/** `Tokenizer13a()(line)`: input is already lowercased and rstripped by BLEU's segment preprocessing. */
export function tokenize13a(line: string): string {
  return tokenize13aTokens(line).join(' ');
}
