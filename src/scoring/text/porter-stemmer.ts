/**
 * NLTK's PorterStemmer (nltk 3.8) in its default NLTK_EXTENSIONS mode, as rouge_score 0.1.2 uses it
 * (`PorterStemmer().stem(token)`). Not the original 1980 algorithm, not Martin Porter's frozen
 * variant, not Porter2/Snowball. Golden data: fixtures/stemmer/porter-nltk-stems.tsv.
 *
 * Strings are handled as Python does, one element per code point (see `inCodePoints`).
 */

/** NLTK_EXTENSIONS' table of irregular forms: word -> stem, looked up before any rule runs. */
const IRREGULAR_FORMS: ReadonlyMap<string, string> = new Map([
  ['sky', 'sky'],
  ['skies', 'sky'],
  ['dying', 'die'],
  ['lying', 'lie'],
  ['tying', 'tie'],
  ['news', 'news'],
  ['innings', 'inning'],
  ['inning', 'inning'],
  ['outings', 'outing'],
  ['outing', 'outing'],
  ['cannings', 'canning'],
  ['canning', 'canning'],
  ['howe', 'howe'],
  ['proceed', 'proceed'],
  ['exceed', 'exceed'],
  ['succeed', 'succeed'],
]);

type Condition = (stem: string) => boolean;

/** A suffix rule: the first rule whose suffix matches decides (applied or not, later rules are skipped). */
interface SuffixRule {
  readonly suffix: string;
  readonly replacement: string;
  readonly condition?: Condition;
}

function isVowelLetter(character: string | undefined): boolean {
  return character === 'a' || character === 'e' || character === 'i' || character === 'o' || character === 'u';
}

/** Porter's consonant: not a, e, i, o, u, and not a y that follows a consonant. */
function isConsonant(word: string, index: number): boolean {
  const character = word[index];
  if (isVowelLetter(character)) return false;
  if (character === 'y') return index === 0 ? true : !isConsonant(word, index - 1);
  return true;
}

/** m in [C](VC){m}[V]: the number of vowel-then-consonant boundaries. */
function measure(stem: string): number {
  let count = 0;
  let previousIsVowel = false;
  for (let index = 0; index < stem.length; index++) {
    const consonant = isConsonant(stem, index);
    if (consonant && previousIsVowel) count++;
    previousIsVowel = !consonant;
  }
  return count;
}

function hasPositiveMeasure(stem: string): boolean {
  return measure(stem) > 0;
}

function measureGreaterThanOne(stem: string): boolean {
  return measure(stem) > 1;
}

function containsVowel(stem: string): boolean {
  for (let index = 0; index < stem.length; index++) {
    if (!isConsonant(stem, index)) return true;
  }
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  const last = word.length - 1;
  return word.length >= 2 && word[last] === word[last - 1] && isConsonant(word, last);
}

/** Condition *o: ends consonant-vowel-consonant, last not w/x/y; NLTK also accepts a 2-letter vowel-consonant word. */
function endsConsonantVowelConsonant(word: string): boolean {
  const length = word.length;
  const last = word[length - 1];
  const classic =
    length >= 3 &&
    isConsonant(word, length - 3) &&
    !isConsonant(word, length - 2) &&
    isConsonant(word, length - 1) &&
    last !== 'w' &&
    last !== 'x' &&
    last !== 'y';
  // NLTK_EXTENSIONS quirk: the 2-letter branch has no w/x/y exclusion
  return classic || (length === 2 && !isConsonant(word, 0) && isConsonant(word, 1));
}

function withoutSuffix(word: string, suffix: string): string {
  return word.slice(0, word.length - suffix.length);
}

function applyFirstMatchingRule(word: string, rules: readonly SuffixRule[]): string {
  for (const rule of rules) {
    if (!word.endsWith(rule.suffix)) continue;
    const stem = withoutSuffix(word, rule.suffix);
    if (rule.condition === undefined || rule.condition(stem)) return stem + rule.replacement;
    return word;
  }
  return word;
}

function step1a(word: string): string {
  // NLTK_EXTENSIONS: 4-letter 'ies' words keep 'ie' ('dies' -> 'die', but 'flies' -> 'fli')
  if (word.length === 4 && word.endsWith('ies')) return withoutSuffix(word, 'ies') + 'ie';
  return applyFirstMatchingRule(word, [
    { suffix: 'sses', replacement: 'ss' },
    { suffix: 'ies', replacement: 'i' },
    { suffix: 'ss', replacement: 'ss' },
    { suffix: 's', replacement: '' },
  ]);
}

function step1b(word: string): string {
  // NLTK_EXTENSIONS: 'died' -> 'die', 'spied' -> 'spi', before any other step-1b rule
  if (word.endsWith('ied')) return withoutSuffix(word, 'ied') + (word.length === 4 ? 'ie' : 'i');
  if (word.endsWith('eed')) {
    const stem = withoutSuffix(word, 'eed');
    return measure(stem) > 0 ? stem + 'ee' : word;
  }
  const suffix = ['ed', 'ing'].find((candidate) => word.endsWith(candidate) && containsVowel(withoutSuffix(word, candidate)));
  if (suffix === undefined) return word;
  const stem = withoutSuffix(word, suffix);
  if (stem.endsWith('at')) return stem + 'e';
  if (stem.endsWith('bl')) return stem + 'e';
  if (stem.endsWith('iz')) return stem + 'e';
  if (endsDoubleConsonant(stem)) {
    const last = stem[stem.length - 1];
    return last === 'l' || last === 's' || last === 'z' ? stem : stem.slice(0, -1);
  }
  return measure(stem) === 1 && endsConsonantVowelConsonant(stem) ? stem + 'e' : stem;
}

function step1c(word: string): string {
  // NLTK_EXTENSIONS: y -> i only after a consonant that is not the whole stem ('happy' -> 'happi', 'enjoy' kept)
  return applyFirstMatchingRule(word, [
    { suffix: 'y', replacement: 'i', condition: (stem) => stem.length > 1 && isConsonant(stem, stem.length - 1) },
  ]);
}

const STEP2_RULES: readonly SuffixRule[] = [
  { suffix: 'ational', replacement: 'ate', condition: hasPositiveMeasure },
  { suffix: 'tional', replacement: 'tion', condition: hasPositiveMeasure },
  { suffix: 'enci', replacement: 'ence', condition: hasPositiveMeasure },
  { suffix: 'anci', replacement: 'ance', condition: hasPositiveMeasure },
  { suffix: 'izer', replacement: 'ize', condition: hasPositiveMeasure },
  { suffix: 'bli', replacement: 'ble', condition: hasPositiveMeasure },
  { suffix: 'alli', replacement: 'al', condition: hasPositiveMeasure },
  { suffix: 'entli', replacement: 'ent', condition: hasPositiveMeasure },
  { suffix: 'eli', replacement: 'e', condition: hasPositiveMeasure },
  { suffix: 'ousli', replacement: 'ous', condition: hasPositiveMeasure },
  { suffix: 'ization', replacement: 'ize', condition: hasPositiveMeasure },
  { suffix: 'ation', replacement: 'ate', condition: hasPositiveMeasure },
  { suffix: 'ator', replacement: 'ate', condition: hasPositiveMeasure },
  { suffix: 'alism', replacement: 'al', condition: hasPositiveMeasure },
  { suffix: 'iveness', replacement: 'ive', condition: hasPositiveMeasure },
  { suffix: 'fulness', replacement: 'ful', condition: hasPositiveMeasure },
  { suffix: 'ousness', replacement: 'ous', condition: hasPositiveMeasure },
  { suffix: 'aliti', replacement: 'al', condition: hasPositiveMeasure },
  { suffix: 'iviti', replacement: 'ive', condition: hasPositiveMeasure },
  { suffix: 'biliti', replacement: 'ble', condition: hasPositiveMeasure },
  { suffix: 'fulli', replacement: 'ful', condition: hasPositiveMeasure },
  // NLTK_EXTENSIONS: the measure is taken with the 'l' kept on the stem, so 'geo'+'logi' qualifies
  { suffix: 'logi', replacement: 'log', condition: (stem) => hasPositiveMeasure(stem + 'l') },
];

function step2(word: string): string {
  // NLTK_EXTENSIONS: 'alli' -> 'al' first, then step 2 again on the result
  if (word.endsWith('alli') && hasPositiveMeasure(withoutSuffix(word, 'alli'))) {
    return step2(withoutSuffix(word, 'alli') + 'al');
  }
  return applyFirstMatchingRule(word, STEP2_RULES);
}

const STEP3_RULES: readonly SuffixRule[] = [
  { suffix: 'icate', replacement: 'ic', condition: hasPositiveMeasure },
  { suffix: 'ative', replacement: '', condition: hasPositiveMeasure },
  { suffix: 'alize', replacement: 'al', condition: hasPositiveMeasure },
  { suffix: 'iciti', replacement: 'ic', condition: hasPositiveMeasure },
  { suffix: 'ical', replacement: 'ic', condition: hasPositiveMeasure },
  { suffix: 'ful', replacement: '', condition: hasPositiveMeasure },
  { suffix: 'ness', replacement: '', condition: hasPositiveMeasure },
];

const STEP4_RULES: readonly SuffixRule[] = [
  ...['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent'].map((suffix) => ({
    suffix,
    replacement: '',
    condition: measureGreaterThanOne,
  })),
  {
    suffix: 'ion',
    replacement: '',
    condition: (stem: string) => measure(stem) > 1 && (stem.endsWith('s') || stem.endsWith('t')),
  },
  ...['ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'].map((suffix) => ({
    suffix,
    replacement: '',
    condition: measureGreaterThanOne,
  })),
];

function step3(word: string): string {
  return applyFirstMatchingRule(word, STEP3_RULES);
}

function step4(word: string): string {
  return applyFirstMatchingRule(word, STEP4_RULES);
}

function step5a(word: string): string {
  // both e-rules are tried (unlike the first-match rule lists)
  if (!word.endsWith('e')) return word;
  const stem = withoutSuffix(word, 'e');
  const stemMeasure = measure(stem);
  if (stemMeasure > 1) return stem;
  if (stemMeasure === 1 && !endsConsonantVowelConsonant(stem)) return stem;
  return word;
}

function step5b(word: string): string {
  // the measure is taken on the word minus one 'l', as NLTK does
  if (word.endsWith('ll') && measure(word.slice(0, -1)) > 1) return word.slice(0, -1);
  return word;
}

function stemLowercase(word: string): string {
  return step5b(step5a(step4(step3(step2(step1c(step1b(step1a(word))))))));
}

/**
 * Runs `transform` with one UTF-16 unit per code point, as Python indexes strings: each astral
 * code point is swapped for a private-use BMP character absent from the word (never a vowel or 'y').
 */
function inCodePoints(word: string, transform: (bmpWord: string) => string): string {
  if (!/[\uD800-\uDFFF]/.test(word)) return transform(word);
  const toSubstitute = new Map<string, string>();
  const toOriginal = new Map<string, string>();
  let nextPrivateUse = 0xe000;
  for (const codePoint of word) {
    if (codePoint.length === 1 || toSubstitute.has(codePoint)) continue;
    while (word.includes(String.fromCharCode(nextPrivateUse))) nextPrivateUse++;
    const substitute = String.fromCharCode(nextPrivateUse++);
    toSubstitute.set(codePoint, substitute);
    toOriginal.set(substitute, codePoint);
  }
  const bmpWord = Array.from(word, (codePoint) => toSubstitute.get(codePoint) ?? codePoint).join('');
  return Array.from(transform(bmpWord), (character) => toOriginal.get(character) ?? character).join('');
}

function codePointLength(word: string): number {
  let length = 0;
  for (const codePoint of word) if (codePoint !== '') length++;
  return length;
}

/**
 * `nltk.stem.porter.PorterStemmer().stem(word)` (NLTK_EXTENSIONS, to_lowercase=True).
 * Lowercasing is JS `toLowerCase()`, which agrees with Python `str.lower()` except for characters
 * added to Unicode after the Python build's version.
 */
export function porterStem(word: string): string {
  const lowercase = word.toLowerCase();
  // NLTK quirk: the irregular-forms lookup uses the word as given, so 'SKIES' misses it ('ski')
  const irregular = IRREGULAR_FORMS.get(word);
  if (irregular !== undefined) return irregular;
  // NLTK quirk: the length test also uses the word as given (in code points), before lowercasing
  if (codePointLength(word) <= 2) return lowercase;
  return inCodePoints(lowercase, stemLowercase);
}
