import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataset } from '../../src/dataset/load-dataset';

describe('a row id used twice', () => {
  it('names where the id was first used on a valid row, across a folder, for every repeat listed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'shopeval-repeated-'));
    mkdirSync(join(root, 'A'));
    const row = (id: string, extra: Record<string, unknown> = {}): string =>
      JSON.stringify({ id, input_field: `q ${id}`, output_field: 1, task_type: 'multiple-choice', metric: 'accuracy', ...extra });
    // x's first row is invalid (a foreign metric), so x is first used on line 2; y repeats across files
    writeFileSync(join(root, 'A', 'one.jsonl'), [row('x', { metric: 'bool' }), row('x'), row('y')].join('\n'));
    writeFileSync(join(root, 'B.jsonl'), [row('y'), row('x'), row('z')].join('\n'));
    const error = (await openDataset(root).then(
      () => new Error('opened'),
      (caught: unknown) => caught,
    )) as Error;
    const one = join(root, 'A', 'one.jsonl');
    const two = join(root, 'B.jsonl');
    expect(error.message).toContain(`${one}:1: metric "bool" is not one of`);
    expect(error.message).toContain(`${two}:1: id "y" is used twice (first at ${one}:3)`);
    expect(error.message).toContain(`${two}:2: id "x" is used twice (first at ${one}:2)`);
  });
});
