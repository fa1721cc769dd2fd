import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rougeTokenize } from '../../../src/scoring/text/rouge-tokenizer';

interface RougeCase {
  id: string;
  metric: string;
  truth: string;
  kddcup2024: { parsed: string; debug: { generation_tokens: string[]; truth_tokens: string[] } };
}

const CASES_FILE = join(__dirname, '../../../fixtures/parity/cases-public.jsonl');
const rougeCases = readFileSync(CASES_FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as RougeCase)
  .filter((parityCase) => parityCase.metric === 'rougel');

describe('rougeTokenize (rouge_score 0.1.2 DefaultTokenizer with stemmer)', () => {
  it('has rougel parity cases to check', () => {
    expect(rougeCases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(rougeCases.map((parityCase) => [parityCase.id, parityCase] as const))(
    '%s: generation and truth tokens equal the official debug tokens',
    (_id, parityCase) => {
      expect(rougeTokenize(parityCase.kddcup2024.parsed)).toEqual(parityCase.kddcup2024.debug.generation_tokens);
      expect(rougeTokenize(parityCase.truth)).toEqual(parityCase.kddcup2024.debug.truth_tokens);
    },
  );

  // the parity README's table "rouge_score tokenization"
  it.each([
    ["Doesn't fit, won't stretch!", ['doesn', 't', 'fit', 'won', 't', 'stretch']],
    ['caf\u00e9 na\u00efve', ['caf', 'na', 've']],
    ['\u0130nch', ['i', 'nch']],
    ['\u212aelvin', ['kelvin']],
    ['\ufb01ne', ['ne']],
    ['\uff23omfortable \uff14', ['omfort']],
    ['super_comfy well-made 2-pack', ['super', 'comfi', 'well', 'made', '2', 'pack']],
    ['MP3s 1990s 4K', ['mp3', '1990', '4k']],
    ['It is its', ['it', 'is', 'its']],
    ['x\u00b2 \u00bd', ['x']],
    ['The quick brown foxes jumped', ['the', 'quick', 'brown', 'fox', 'jump']],
  ])('README table: %j', (text, tokens) => {
    expect(rougeTokenize(text)).toEqual(tokens);
  });

  it('stems only tokens longer than 3 characters', () => {
    expect(rougeTokenize('yes ties dies was')).toEqual(['yes', 'tie', 'die', 'was']);
  });

  it('gives no tokens for whitespace, punctuation and non-Latin text', () => {
    expect(rougeTokenize(' \n\t ')).toEqual([]);
    expect(rougeTokenize('\u5feb\u9069 \u2014 \u{1F600}!')).toEqual([]);
  });

  it('lowercases to ASCII alphanumerics exactly where Python str.lower() does', () => {
    // Python 3.8-3.11 str.lower(): only A-Z, U+0130 and U+212A produce [a-z0-9] from outside [A-Za-z0-9]
    const producingAscii: number[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const character = String.fromCodePoint(codePoint);
      if (/[A-Za-z0-9]/.test(character)) continue;
      if (/[a-z0-9]/.test(character.toLowerCase())) producingAscii.push(codePoint);
    }
    expect(producingAscii).toEqual([0x130, 0x212a]);
  });
});
