import { pyLower, pyRstrip } from '../../../src/scoring/text/python-string';
import { pyLowerBefore, pyRstripBefore } from '../oracles/python-string-before';
import { randomTexts } from '../oracles/random-text';

describe('pyLower and pyRstrip against their code-point-by-code-point versions', () => {
  const texts = [
    ...randomTexts(20_000, 31),
    ...Array.from({ length: 0x250 }, (_unused, unit) => `A${String.fromCharCode(unit)}Σ ${String.fromCharCode(unit)}`),
  ];

  it('lower() agrees on 20,000 generated strings and on every unit of the Latin fast path', () => {
    expect(texts.filter((text) => pyLower(text) !== pyLowerBefore(text)).slice(0, 5)).toEqual([]);
  });

  it('rstrip() agrees on 20,000 generated strings', () => {
    expect(texts.filter((text) => pyRstrip(text) !== pyRstripBefore(text)).slice(0, 5)).toEqual([]);
    expect(pyRstrip('a \ud83d\x85\u3000')).toBe('a \ud83d');
  });
});
