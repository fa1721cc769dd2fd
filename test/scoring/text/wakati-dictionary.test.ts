import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadJapaneseTokenizer, type JapaneseTokenizer } from '../../../src/scoring/text/japanese-tokenizer';
import { loadKuromojiMecabDictionary } from '../../../src/scoring/text/kuromoji-dictionary';
import { segmentLikeMecab, type MecabDictionary } from '../../../src/scoring/text/mecab-lattice';
import { pyStrip } from '../../../src/scoring/text/python-string';

/** Strings to segment: the corpus, the MeCab reference inputs, and seeded random mixes of every character class. */
function fuzzInputs(count: number): string[] {
  const fixtures = join(__dirname, '../../../fixtures/japanese');
  const corpus = readFileSync(join(fixtures, 'corpus.txt'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
  const references = readFileSync(join(fixtures, 'mecab-reference.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => JSON.parse(line.split('\t')[0] ?? '""') as string);
  const pieces = [...corpus, ...references].flatMap((line) => line.split(/(?<=[ 。、])/u));
  const alphabet = Array.from(
    'あいうえおかきくけこがぎんっゃゅょアイウエオカキクケコガギンッャュョー東京都渋谷区日本語電気水筒真空一二三十百千万令和年月日abcXYZ019０１２ａｂｃＡＢＣｱｲｳｶﾞ .,!?()/-・「」『』　\t\u00d0αβγабв\u{1f600}\u{20b9f}€♪',
  );
  let state = 20240527;
  const next = (limit: number) => {
    state = (state * 1103515245 + 12345) % 2147483648; // a fixed LCG: the same inputs on every run
    return state % limit;
  };
  const inputs: string[] = [];
  for (let index = 0; index < count; index += 1) {
    let text = '';
    const parts = 1 + next(4);
    for (let part = 0; part < parts; part += 1) {
      if (next(2) === 0) {
        const piece = pieces[next(pieces.length)] ?? '';
        const from = next(piece.length + 1);
        text += piece.slice(from, from + 1 + next(30));
      } else {
        for (let length = 1 + next(12); length > 0; length -= 1) text += alphabet[next(alphabet.length)] ?? '';
      }
    }
    inputs.push(text);
  }
  return [...corpus, ...references, ...inputs];
}

describe('compact wakati dictionary', () => {
  let cacheDirectory: string;
  let reference: MecabDictionary;
  beforeAll(async () => {
    cacheDirectory = mkdtempSync(join(tmpdir(), 'shopeval-wakati-'));
    reference = await loadKuromojiMecabDictionary();
  }, 60_000);
  afterAll(() => rmSync(cacheDirectory, { recursive: true, force: true }));

  const referenceTokenize = (line: string) => pyStrip(segmentLikeMecab(reference, pyStrip(line)).join(' '));
  const expectSameAsReference = (tokenizer: JapaneseTokenizer, inputs: readonly string[]) => {
    const differences = inputs.filter((input) => tokenizer.tokenize(input) !== referenceTokenize(input));
    expect(differences).toEqual([]);
  };

  it('segments thousands of strings exactly as the kuromoji-backed dictionary, when built and when read back', async () => {
    const inputs = fuzzInputs(4000);
    const built = await loadJapaneseTokenizer({ cacheDirectory });
    expect(readdirSync(join(cacheDirectory, 'japanese')).filter((name) => name.endsWith('.bin'))).toHaveLength(1);
    expectSameAsReference(built, inputs);
    const readBack = await loadJapaneseTokenizer({ cacheDirectory });
    expectSameAsReference(readBack, inputs);
  }, 120_000);

  it('rebuilds a damaged cache file instead of using it', async () => {
    const directory = join(cacheDirectory, 'japanese');
    const file = readdirSync(directory).find((name) => name.endsWith('.bin')) ?? '';
    const bytes = readFileSync(join(directory, file));
    writeFileSync(join(directory, file), bytes.subarray(0, bytes.length / 2));
    const tokenizer = await loadJapaneseTokenizer({ cacheDirectory });
    expect(tokenizer.tokenize('東京都渋谷区の電気ケトル')).toBe(referenceTokenize('東京都渋谷区の電気ケトル'));
    expect(readFileSync(join(directory, file)).length).toBe(bytes.length);
  }, 60_000);
});
