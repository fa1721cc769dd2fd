import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PredictionIndex } from '../../src/dataset/prediction-index';
import { DatasetError } from '../../src/errors';

describe('PredictionIndex', () => {
  const directory = mkdtempSync(join(tmpdir(), 'shopeval-predictions-'));
  const write = (name: string, text: string): string => {
    const path = join(directory, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads the same outputs asked in file order (read ahead), backwards, shuffled, and mixed, long records included', async () => {
    const outputs = Array.from(
      { length: 3000 },
      (_unused, index) => `answer ${index} ☃ ${'x'.repeat(index % 97 === 0 ? 70_000 : index % 50)}`,
    );
    // CRLF on every third line: records a byte further apart still count as in order
    const text = outputs
      .map((output, index) => `${JSON.stringify({ id: `p-${index}`, output })}${index % 3 === 0 ? '\r\n' : '\n'}`)
      .join('');
    const index = await PredictionIndex.open(write('ordered.jsonl', text));
    try {
      const order = [...outputs.keys()];
      const shuffled = [...order].sort((a, b) => ((a * 7919) % 3001) - ((b * 7919) % 3001));
      const mixed = order.flatMap((row) => (row % 10 === 0 ? [row, 2999 - row] : [row]));
      for (const rows of [order, [...order].reverse(), shuffled, mixed])
        for (const row of rows) expect(index.output(`p-${row}`)).toBe(outputs[row]);
    } finally {
      index.close();
    }
  });

  it('finds every output by id (string or number ids), marks matches once, and names the unmatched first in file order', async () => {
    const lines = Array.from({ length: 5000 }, (_unused, index) =>
      JSON.stringify({ id: index % 2 === 0 ? `p-${index}` : index, output: `answer ${index} é` }),
    );
    const index = await PredictionIndex.open(write('many.jsonl', `${lines.join('\n')}\n`));
    try {
      expect(index.size).toBe(5000);
      expect(index.hasQuestionIds).toBe(false);
      for (let row = 0; row < 5000; row += 7) expect(index.output(row % 2 === 0 ? `p-${row}` : String(row))).toBe(`answer ${row} é`);
      expect(index.output('p-0')).toBe('answer 0 é'); // a second look-up is not a second match
      expect(index.output('nope')).toBeUndefined();
      expect(index.has('p-2')).toBe(true);
      expect(index.has('p-1')).toBe(false);
      expect(index.matchedCount).toBe(Math.ceil(5000 / 7));
      expect(await index.unmatched(2)).toEqual([
        { id: '1', location: { file: join(directory, 'many.jsonl'), position: 2, kind: 'line' } },
        { id: 'p-2', location: { file: join(directory, 'many.jsonl'), position: 3, kind: 'line' } },
      ]);
    } finally {
      index.close();
    }
  });

  it('reads a JSON array and tells when the ids are question ids', async () => {
    const path = write(
      'array.json',
      JSON.stringify(
        [
          { id: 'q-00ff', output: 'x' },
          { id: 'r-1', output: 'y' },
        ],
        null,
        2,
      ),
    );
    const index = await PredictionIndex.open(path);
    expect([index.hasQuestionIds, index.output('q-00ff'), index.output('r-1')]).toEqual([true, 'x', 'y']);
    index.close();
  });

  it('refuses an id predicted twice, naming the first repeat in file order and where the id was first', async () => {
    const ids = ['a', 'b', 'c', 'd', 'c', 'b', 'a'];
    const path = write('twice.jsonl', ids.map((id) => JSON.stringify({ id, output: id })).join('\n'));
    const error = await PredictionIndex.open(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toBe(`${path}:5: id "c" is predicted twice (first at ${path}:3)`);
  });
});
