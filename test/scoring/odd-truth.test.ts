import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricName, TaskType, Truth } from '../../src/dataset/row';
import { getProfile } from '../../src/scoring/profiles';
import type { ItemScore, ProfileName } from '../../src/scoring/types';

interface Expected {
  readonly score: number | readonly number[] | null;
  readonly error?: string;
}

interface OddTruthCase {
  readonly id: string;
  readonly task_type: TaskType;
  readonly metric: MetricName;
  readonly output: string;
  readonly truth: Truth;
  readonly kddcup2024: Expected;
  readonly shoppingmmlu?: Expected;
}

const cases = readFileSync(join(__dirname, '..', '..', 'fixtures', 'parity', 'odd-truths.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as OddTruthCase);

function actual(score: ItemScore): Expected {
  if (score.kind === 'value') return { score: score.value };
  if (score.kind === 'counts') return { score: [score.tp, score.fp, score.fn] };
  if (score.kind === 'error') return { score: null, error: score.error };
  throw new Error(`unexpected ${score.kind}`);
}

const table = cases.flatMap((item) =>
  (['kddcup2024', 'shoppingmmlu'] as const).flatMap((profile) => {
    const expected = item[profile];
    return expected === undefined ? [] : [{ name: `${item.id} (${profile})`, item, profile: profile as ProfileName, expected }];
  }),
);

describe('truths of unexpected types score as the official code scores them', () => {
  it('has cases for every odd-truth metric family under both profiles', () => {
    expect(new Set(cases.map((item) => item.metric))).toEqual(new Set(['accuracy', 'hit rate@3', 'micro f1', 'ndcg']));
    expect(table.length).toBeGreaterThan(35);
  });

  it.each(table)('$name', ({ item, profile, expected }) => {
    const scored = getProfile(profile).scoreItem({ taskType: item.task_type, metric: item.metric, truth: item.truth }, item.output, {});
    expect(actual(scored.score)).toEqual(expected);
    const scoresZero = expected.score === 0 || expected.error !== undefined;
    if (scoresZero && !(profile === 'shoppingmmlu' && typeof item.truth === 'string' && item.metric === 'accuracy')) {
      expect(scored.truthNote).toEqual(expect.any(String));
    }
  });

  it('says why a multiple-choice truth "3" scores 0 under kddcup2024', () => {
    const scored = getProfile('kddcup2024').scoreItem({ taskType: 'multiple-choice', metric: 'accuracy', truth: '3' }, '3', {});
    expect(scored.truthNote).toBe(`the truth is a str ("3"); the official accuracy compares the parsed answer with it: 3 == '3' is False`);
  });

  it.each([
    ['rougel', 'AttributeError'],
    ['bleu', 'TypeError'],
  ] as const)('a non-str %s truth makes the official code raise %s', (metric, error) => {
    for (const profile of ['kddcup2024', 'shoppingmmlu'] as const) {
      const scored = getProfile(profile).scoreItem({ taskType: 'generation', metric, truth: ['a b c d'] }, 'a b c d', {});
      expect(scored.score).toMatchObject({ kind: 'error', error });
    }
  });
});
