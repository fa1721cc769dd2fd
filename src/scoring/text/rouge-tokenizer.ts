import { porterStem } from './porter-stemmer';

/** Anything outside [a-z0-9] separates tokens (after lowercasing), as rouge_score's NON_ALPHANUM_RE. */
const NON_ALPHANUMERIC = /[^a-z0-9]+/;
const VALID_TOKEN = /^[a-z0-9]+$/;

/**
 * rouge_score 0.1.2 `DefaultTokenizer(use_stemmer=True).tokenize(text)`: lowercase, turn every run
 * of non-[a-z0-9] characters into a separator, Porter-stem tokens longer than 3, drop empty tokens.
 *
 * JS `toLowerCase()` and Python `str.lower()` agree on every code point whose lowercase contains
 * [a-z0-9] (A-Z, U+0130 'İ' -> 'i' + U+0307, U+212A Kelvin sign -> 'k'); everything else lowercases
 * to non-ASCII and becomes a separator either way.
 */
export function rougeTokenize(text: string): string[] {
  // rouge_score quirk: lower() runs BEFORE the ASCII filter, so 'İnch' gives ['i', 'nch'] and the Kelvin sign gives 'k'
  const words = text.toLowerCase().split(NON_ALPHANUMERIC);
  const tokens: string[] = [];
  for (const word of words) {
    // rouge_score stems only tokens longer than 3 characters ('yes' stays, 'ties' -> 'tie')
    const token = word.length > 3 ? porterStem(word) : word;
    if (VALID_TOKEN.test(token)) tokens.push(token);
  }
  return tokens;
}
