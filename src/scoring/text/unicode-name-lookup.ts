import { PY38_NAMES_SUBSET } from './unicode-names';
import { isPy38UnifiedIdeograph } from './unicode-lookup';

/** Upper-case name -> character, for the generated subset of Unicode 12.1 names and aliases. */
const NAMES: ReadonlyMap<string, string> = new Map(
  PY38_NAMES_SUBSET.split(/[|\n]/)
    .filter((line) => line !== '')
    .map((line): [string, string] => {
      const separator = line.indexOf(';');
      return [line.slice(separator + 1), String.fromCodePoint(parseInt(line.slice(0, separator), 16))];
    }),
);

const HANGUL_LEADS = ['G', 'GG', 'N', 'D', 'DD', 'R', 'M', 'B', 'BB', 'S', 'SS', '', 'J', 'JJ', 'C', 'K', 'T', 'P', 'H'];
const HANGUL_VOWELS = [
  'A',
  'AE',
  'YA',
  'YAE',
  'EO',
  'E',
  'YEO',
  'YE',
  'O',
  'WA',
  'WAE',
  'OE',
  'YO',
  'U',
  'WEO',
  'WE',
  'WI',
  'YU',
  'EU',
  'YI',
  'I',
];
const HANGUL_TAILS = [
  '',
  'G',
  'GG',
  'GS',
  'N',
  'NJ',
  'NH',
  'D',
  'L',
  'LG',
  'LM',
  'LB',
  'LS',
  'LT',
  'LP',
  'LH',
  'M',
  'B',
  'BS',
  'S',
  'SS',
  'NG',
  'J',
  'C',
  'K',
  'T',
  'P',
  'H',
];

/** CPython's find_syllable: the longest jamo short name that prefixes `text` (the empty name always matches). */
function longestJamo(text: string, jamos: readonly string[]): { index: number; length: number } {
  let best = { index: -1, length: -1 };
  jamos.forEach((jamo, index) => {
    if (jamo.length > best.length && text.startsWith(jamo)) best = { index, length: jamo.length };
  });
  return best;
}

function hangulSyllable(rest: string): string | undefined {
  const lead = longestJamo(rest, HANGUL_LEADS);
  const vowel = longestJamo(rest.slice(lead.length), HANGUL_VOWELS);
  const tail = longestJamo(rest.slice(lead.length + vowel.length), HANGUL_TAILS);
  if (lead.length + vowel.length + tail.length !== rest.length) return undefined;
  return String.fromCodePoint(0xac00 + (lead.index * HANGUL_VOWELS.length + vowel.index) * HANGUL_TAILS.length + tail.index);
}

function unifiedIdeograph(hex: string): string | undefined {
  // CPython: exactly 4 or 5 upper-case hex digits after the prefix
  if (!/^[0-9A-F]{4,5}$/.test(hex)) return undefined;
  const codePoint = parseInt(hex, 16);
  return isPy38UnifiedIdeograph(codePoint) ? String.fromCodePoint(codePoint) : undefined;
}

/**
 * Python 3.8 `\N{name}`: algorithmic CJK and Hangul names (case-sensitive, as in CPython's _getcode), else a
 * case-insensitive lookup. Only the generated subset of table names is known: other names return undefined (documented gap).
 */
export function lookupPy38CharacterName(name: string): string | undefined {
  if (name.startsWith('CJK UNIFIED IDEOGRAPH-')) return unifiedIdeograph(name.slice(22));
  if (name.startsWith('HANGUL SYLLABLE ')) return hangulSyllable(name.slice(16));
  // CPython compares with Py_TOUPPER, which only maps ASCII letters
  return NAMES.get(name.replace(/[a-z]/g, (letter) => letter.toUpperCase()));
}
