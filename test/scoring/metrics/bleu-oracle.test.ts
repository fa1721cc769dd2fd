import { bleu, bleuStatistics, calculateBleu13aScore, firstLine } from '../../../src/scoring/metrics/bleu';
import { tokenize13a } from '../../../src/scoring/text/tokenize-13a';
import * as before from '../oracles/bleu-before-one-scan';
import { randomTexts, seededRandom } from '../oracles/random-text';
import { tokenize13aByRegex } from '../oracles/tokenize-13a-by-regex';

/** Hypothesis/reference pairs that share n-grams: the reference's words dropped, repeated, swapped or replaced. */
function sentencePairs(count: number, seed: number, maxPieces = 40): [string, string][] {
  const random = seededRandom(seed);
  const texts = randomTexts(count * 2, seed, maxPieces);
  const pairs: [string, string][] = [];
  for (let index = 0; index < count; index += 1) {
    const reference = texts[index * 2] as string;
    const words = reference.split(' ');
    const changed = words.flatMap((word) => {
      const roll = random();
      if (roll < 0.1) return [];
      if (roll < 0.2) return [word, word];
      if (roll < 0.3) return [texts[index * 2 + 1] as string];
      return [word];
    });
    for (let swap = 1; swap < changed.length; swap += 1) {
      if (random() < 0.1) [changed[swap - 1], changed[swap]] = [changed[swap] as string, changed[swap - 1] as string];
    }
    const hypothesis = changed.join(random() < 0.5 ? ' ' : '  ');
    pairs.push([hypothesis, reference]);
  }
  return pairs;
}

describe('bleu against the implementation it replaced (regex 13a passes, sorted n-gram keys)', () => {
  const pairs = [
    ...sentencePairs(6_000, 21),
    ...randomTexts(2_000, 22).map((text, index, all): [string, string] => [text, all[(index + 1) % all.length] as string]),
  ];

  it('gives bit-identical scores on 8,000 generated pairs', () => {
    const differences: string[] = [];
    for (const [hypothesis, reference] of pairs) {
      const expected = before.calculateBleuScore(hypothesis, reference);
      if (!Object.is(calculateBleu13aScore(hypothesis, reference), expected)) differences.push(JSON.stringify([hypothesis, reference]));
      const viaMetric = bleu.shoppingmmlu(hypothesis, reference, {}).score;
      if (viaMetric.kind !== 'value' || !Object.is(viaMetric.value, expected))
        differences.push(`metric ${JSON.stringify([hypothesis, reference])}`);
    }
    expect(differences.slice(0, 5)).toEqual([]);
  });

  it('gives identical statistics, some with matches of every order', () => {
    let fullMatches = 0;
    for (const [hypothesis, reference] of pairs.slice(0, 3_000)) {
      const statistics = bleuStatistics(hypothesis, reference, tokenize13a);
      expect(statistics).toEqual(before.bleuStatistics(hypothesis, reference, tokenize13aByRegex));
      if (statistics.counts.every((count) => count > 0)) fullMatches += 1;
    }
    // the generator must reach the smoothing-free path, not only empty orders
    expect(fullMatches).toBeGreaterThan(500);
  });
});

describe('firstLine against its regex version', () => {
  it('cuts the same first line from 20,000 generated texts', () => {
    const texts = [...randomTexts(20_000, 24), '', '\n', '\n\n', 'a\n', '\na', '\n\na\n\nb\n'];
    expect(texts.filter((text) => firstLine(text) !== before.firstLine(text)).slice(0, 5)).toEqual([]);
  });
});
