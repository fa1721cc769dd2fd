import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskType } from '../../../src/dataset/row';
import { parseKddCup2024 } from '../../../src/scoring/parsers/kddcup2024';
import { parseJsonLossless } from '../../helpers/lossless-json';

interface ParityCase {
  readonly id: string;
  readonly task_type: TaskType;
  readonly output: string;
  readonly kddcup2024: { readonly parsed: unknown };
  readonly tags: readonly string[];
}

const casesFile = join(__dirname, '../../../fixtures/parity/cases-public.jsonl');
const cases = readFileSync(casesFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => parseJsonLossless(line) as ParityCase);

describe('parseKddCup2024 reproduces parsers.py 0.1.1 under Python 3.8 on every public parity case', () => {
  it('has the whole case file, including the two big-integer cases', () => {
    expect(cases).toHaveLength(469);
    const bigintCases = cases.filter((parityCase) => parityCase.tags.includes('bigint'));
    expect(bigintCases).toHaveLength(2);
    for (const parityCase of bigintCases) {
      expect((parityCase.kddcup2024.parsed as unknown[]).some((item) => typeof item === 'bigint')).toBe(true);
    }
  });

  it.each(cases.map((parityCase) => [parityCase.id, parityCase] as const))('%s', (_id, parityCase) => {
    expect(parseKddCup2024(parityCase.task_type, parityCase.output)).toStrictEqual(parityCase.kddcup2024.parsed);
  });
});
