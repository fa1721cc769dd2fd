import type { ShopBenchRow } from '../../src/dataset/row';
import type { FewShotPool } from '../../src/prompting/few-shot-pool';
import { shortTasks } from '../../src/prompting/few-shot-pool';
import { sampleFewShot } from '../../src/prompting/sample-few-shot';

const example = (id: string, task = 't'): { id: string; input: string; truth: number } => ({
  id,
  input: `question ${id} of ${task}`,
  truth: 1,
});
const pool: FewShotPool = {
  path: 'pool.jsonl',
  sha256: 'x',
  byTask: new Map([
    ['t', ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => example(id))],
    ['u', [example('u1', 'u')]],
  ]),
};
const row = (id: string, input: string, taskName = 't'): Pick<ShopBenchRow, 'id' | 'input' | 'taskName'> => ({ id, input, taskName });

describe('few-shot sampling', () => {
  it('draws K distinct examples of the same task, the same for the same (seed, row), never the row itself', () => {
    const first = sampleFewShot(pool, row('a', 'question a of t'), 3, 7);
    expect(first).toHaveLength(3);
    expect(new Set(first.map((chosen) => chosen.id)).size).toBe(3);
    expect(first.map((chosen) => chosen.id)).not.toContain('a');
    expect(sampleFewShot(pool, row('a', 'question a of t'), 3, 7)).toEqual(first);
    // the same row under another id is still recognised by its question
    for (let seed = 0; seed < 50; seed += 1)
      expect(sampleFewShot(pool, row('other-id', 'question b of t'), 5, seed).map((chosen) => chosen.id)).not.toContain('b');
  });

  it('varies with the seed and with the row', () => {
    const draws = new Set<string>();
    for (let seed = 0; seed < 20; seed += 1)
      draws.add(
        sampleFewShot(pool, row('z', 'new question'), 2, seed)
          .map((chosen) => chosen.id)
          .join(),
      );
    expect(draws.size).toBeGreaterThan(5);
    const perRow = new Set(
      ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map((id) =>
        sampleFewShot(pool, row(id, `q ${id}`), 2, 1)
          .map((chosen) => chosen.id)
          .join(),
      ),
    );
    expect(perRow.size).toBeGreaterThan(1);
  });

  it('uses what there is when a task is short, and names such tasks', async () => {
    expect(sampleFewShot(pool, row('x', 'other', 'u'), 3, 1).map((chosen) => chosen.id)).toEqual(['u1']);
    expect(sampleFewShot(pool, row('x', 'other', 'none'), 3, 1)).toEqual([]);
    async function* rows(): AsyncGenerator<Pick<ShopBenchRow, 'id' | 'input' | 'taskName'>> {
      yield row('a', 'question a of t');
      yield row('x', 'other', 'u');
      yield row('y', 'another', 'none');
    }
    expect(await shortTasks(pool, rows(), 6)).toEqual([
      { task: 't', available: 5 },
      { task: 'u', available: 1 },
      { task: 'none', available: 0 },
    ]);
  });
});
