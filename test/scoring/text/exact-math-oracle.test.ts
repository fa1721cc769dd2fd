import { correctlyRoundedExp, correctlyRoundedLog } from '../../../src/scoring/text/exact-math';
import { correctlyRoundedExpBefore, correctlyRoundedLogBefore } from '../oracles/exact-math-before';
import { seededRandom } from '../oracles/random-text';

/** BLEU's own arguments (precisions, brevity-penalty exponents, mean logs) and doubles spread over every range. */
function inputs(): number[] {
  const random = seededRandom(41);
  const values: number[] = [];
  for (let total = 1; total <= 120; total += 1) {
    for (let count = 0; count <= total; count += 1) values.push((100.0 * count) / total, 100.0 / (2 * total), 1 - (total + count) / total);
  }
  for (let index = 0; index < 20_000; index += 1) {
    values.push(
      random() * 1e-300,
      random() * 4,
      random(),
      2 ** (random() * 2000 - 1000),
      -random() * 700,
      random() * 709,
      -746 + random() * 10,
    );
  }
  return values;
}

describe('exact-math against its version that allocated a pair object per operation', () => {
  const values = inputs();

  it('log returns the same doubles', () => {
    const differences = values.filter((value) => !Object.is(correctlyRoundedLog(value), correctlyRoundedLogBefore(value)));
    expect(differences.slice(0, 5)).toEqual([]);
  });

  it('exp returns the same doubles', () => {
    const differences = values.filter((value) => !Object.is(correctlyRoundedExp(value), correctlyRoundedExpBefore(value)));
    expect(differences.slice(0, 5)).toEqual([]);
  });
});
