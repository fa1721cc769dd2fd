import { evaluatorBatches } from '../../src/pipeline/evaluator-batches';
import type { PromptRow } from '../../src/dataset/row';

const row = (id: string, isMultipleChoice: boolean | undefined): PromptRow => ({
  id,
  input: id,
  taskType: undefined,
  taskName: 't',
  track: 'x',
  isMultipleChoice,
  source: { file: 'f', position: 1, kind: 'line' },
});

async function batchIds(rows: PromptRow[], size: number): Promise<string[][]> {
  const batches: string[][] = [];
  for await (const batch of evaluatorBatches(rows, size, (row) => row)) batches.push(batch.map((entry) => entry.id));
  return batches;
}

describe('evaluatorBatches', () => {
  it('groups consecutive rows up to the size, starting a new batch when is_multiple_choice changes', async () => {
    const rows = [row('a', true), row('b', true), row('c', true), row('d', false), row('e', undefined), row('f', true)];
    expect(await batchIds(rows, 2)).toEqual([['a', 'b'], ['c'], ['d', 'e'], ['f']]);
    expect(await batchIds(rows, 16)).toEqual([['a', 'b', 'c'], ['d', 'e'], ['f']]);
    expect(await batchIds(rows, 1)).toEqual([['a'], ['b'], ['c'], ['d'], ['e'], ['f']]);
  });

  it('yields nothing for no rows', async () => {
    expect(await batchIds([], 4)).toEqual([]);
  });
});
