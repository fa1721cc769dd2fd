import { pyInt } from '../../../src/scoring/text/python-int';
import { pyIntBefore } from '../oracles/python-int-before';
import { randomTexts, seededRandom } from '../oracles/random-text';

/** Signed digit strings of 1 to 25 digits (across the 15-digit and 2^53 edges), zeros, underscores and whitespace. */
function integerTexts(count: number): string[] {
  const random = seededRandom(51);
  const pick = (options: readonly string[]): string => options[Math.floor(random() * options.length)] as string;
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(random() * 25);
    let digits = '';
    for (let index = 0; index < length; index += 1) digits += random() < 0.2 ? '0' : pick(['1', '9', '5', '٣', '_', '7']);
    return `${pick(['', ' ', '\xa0', '\x1c'])}${pick(['', '-', '+', '--'])}${digits}${pick(['', ' ', '\n'])}`;
  });
}

describe('pyInt against its all-BigInt version', () => {
  it('gives the same values (Object.is: no -0) on 40,000 generated strings', () => {
    const texts = [...integerTexts(30_000), ...randomTexts(10_000, 52, 4), '-0', '-000', '9007199254740993', '-9007199254740991'];
    const differences = texts.filter((text) => {
      const value = pyInt(text);
      const expected = pyIntBefore(text);
      return typeof value === 'bigint' ? value !== expected : !Object.is(value, expected);
    });
    expect(differences.slice(0, 5)).toEqual([]);
  });
});
