import { createSeededRandom } from '../../../src/stats/seeded-random';
/**
 * Deterministic generated strings for oracle tests: pieces chosen to reach every branch of the text scorers
 * (ASCII words, digits, periods and commas, dashes, symbols, entities, newlines, Python and non-Python whitespace,
 * accented Latin, Greek and Turkish case quirks, CJK, kana, surrogate pairs and lone surrogates).
 */

const PIECES: readonly string[] = [
  ...'abcxyzABCXYZ0123456789'.split(''),
  ...'.,-.,-.,-'.split(''),
  ...'{|}~[\\]^_`!"#$%&()*+:;<=>?@/\''.split(''),
  ' ',
  ' ',
  '  ',
  '\t',
  '\n',
  '-\n',
  '\r\n',
  '\x1c',
  '\x1f',
  '\x85',
  '\xa0',
  '\u1680',
  '\u2003',
  '\u2028',
  '\u3000',
  '\u200b',
  '\ufeff',
  '<skipped>',
  '&quot;',
  '&amp;',
  '&lt;',
  '&gt;',
  '&amp;quot;',
  '&apos;',
  '1.5',
  '1,000',
  '3-4',
  '...',
  ',,',
  'shoes',
  'Größe',
  'STRASSE',
  "L'Oréal",
  'é',
  'ß',
  '\u0130',
  '\u039f\u0394\u039f\u03a3',
  'ΣΑ',
  'ﬃ',
  '中文',
  '価格',
  'ライトパープル',
  'これは',
  '。',
  '、',
  '１２３',
  '٣',
  '😀',
  '\ud83d',
  '\ude00',
  '\u1c89',
  '\ua7c0',
  '\u{10570}',
];

/** The project's seeded generator (mulberry32), so a failure names a case that can be rerun. */
export const seededRandom = createSeededRandom;

/** `count` strings of 0 to `maxPieces` pieces each. */
export function randomTexts(count: number, seed: number, maxPieces = 24): string[] {
  const random = seededRandom(seed);
  const texts: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const pieces = Math.floor(random() * (maxPieces + 1));
    let text = '';
    for (let piece = 0; piece < pieces; piece += 1) text += PIECES[Math.floor(random() * PIECES.length)] as string;
    texts.push(text);
  }
  return texts;
}
