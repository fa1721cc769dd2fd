/**
 * Reference oracle: the regex implementation of sacrebleu 13a that src/scoring/text/tokenize-13a.ts replaced
 * (four re.sub passes, as mteval-v13a writes them). Tests require the one-pass tokenizer to agree with it exactly.
 */
import { pySplitWhitespace } from '../../../src/scoring/text/python-string';

// tokenizer_re: the four substitutions of mteval-v13a, in order, each a left-to-right non-overlapping re.sub
const SYMBOL_CHARACTER = /([{-~[-` -&(-+:-@/])/gu;
const PERIOD_OR_COMMA_AFTER_NON_DIGIT = /([^0-9])([.,])/gu;
const PERIOD_OR_COMMA_BEFORE_NON_DIGIT = /([.,])([^0-9])/gu;
const DASH_AFTER_DIGIT = /([0-9])(-)/gu;

/** `Tokenizer13a()(line)`: input is already lowercased and rstripped by BLEU's segment preprocessing. */
export function tokenize13aByRegex(line: string): string {
  let text = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (text.includes('&')) {
    // each entity replaced once, in this order: '&amp;quot;' -> '&quot;' stays (sacrebleu quirk)
    text = text.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  text = ` ${text} `
    .replace(SYMBOL_CHARACTER, ' $1 ')
    .replace(PERIOD_OR_COMMA_AFTER_NON_DIGIT, '$1 $2 ')
    .replace(PERIOD_OR_COMMA_BEFORE_NON_DIGIT, ' $1 $2')
    .replace(DASH_AFTER_DIGIT, '$1 $2 ');
  // Python ' '.join(line.split()): Python whitespace (README P3)
  return pySplitWhitespace(text).join(' ');
}
