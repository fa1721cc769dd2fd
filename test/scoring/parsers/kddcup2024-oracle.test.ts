import { parseKddCup2024 } from '../../../src/scoring/parsers/kddcup2024';
import { parseKddCup2024Before } from '../oracles/kddcup2024-parsers-before';
import { randomTexts } from '../oracles/random-text';

/** JSON with bigints spelled out (a long digit run parses to a bigint). */
const spelled = (value: unknown): string => JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item));

describe('the KDD Cup parsers against their version without the ASCII fast path', () => {
  const texts = [
    ...randomTexts(10_000, 61, 12),
    ...Array.from({ length: 0x100 }, (_unused, unit) => `1,${String.fromCharCode(unit)}2, 3, 12345678901234567890`),
  ];

  it.each(['ranking', 'retrieval'] as const)('%s reads the same integers from 10,000 generated outputs', (taskType) => {
    const differences = texts.filter((text) => spelled(parseKddCup2024(taskType, text)) !== spelled(parseKddCup2024Before(taskType, text)));
    expect(differences.slice(0, 5)).toEqual([]);
  });
});
