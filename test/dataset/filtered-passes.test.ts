import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataset, type StreamedDataset } from '../../src/dataset/load-dataset';
import type { ShopBenchRow } from '../../src/dataset/row';
import { inShard } from '../../src/shards/shard';

async function collect(dataset: StreamedDataset): Promise<ShopBenchRow[]> {
  const rows: ShopBenchRow[] = [];
  for await (const row of dataset.rowsInOrder()) rows.push(row);
  return rows;
}

describe('a filtered dataset read again (a shard, --tasks, --limit)', () => {
  const rowsOf = (count: number, task: (index: number) => string): string =>
    Array.from({ length: count }, (_unused, index) =>
      JSON.stringify({
        id: `row-${index}`,
        input_field: `Question ${index}?\n0. a\n1. b\nAnswer: `,
        output_field: index % 2,
        task_type: 'multiple-choice',
        metric: 'accuracy',
        task_name: task(index),
        track: 'amazon-kdd-cup-24-understanding-shopping-concepts',
      }),
    ).join('\n');

  it("reads only the first filtered pass's rows on the next passes, the same rows in the same order", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'shopeval-passes-')), 'rows.jsonl');
    writeFileSync(path, `${rowsOf(400, () => 'task-a')}\n`);
    const shard = { index: 1, count: 4 };
    const dataset = await openDataset(path, { shard });
    const first = await collect(dataset);
    expect(first.map((row) => row.id)).toEqual(
      Array.from({ length: 400 }, (_unused, index) => `row-${index}`).filter((id) => inShard(id, shard)),
    );
    // the next passes parse the shard's records only, not the 400 rows again
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const second = await collect(dataset);
      expect(second).toEqual(first);
      expect(parse.mock.calls.length).toBe(first.length);
    } finally {
      parse.mockRestore();
    }
    expect(await collect(dataset)).toEqual(first);
  });

  it('keeps folder names, mapped tracks and --limit on the positioned passes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'shopeval-passes-folder-'));
    mkdirSync(join(root, 'MCQ'));
    const plain = (index: number): Record<string, unknown> => ({
      input_field: `Q${index}?`,
      output_field: index % 3,
      task_type: 'multiple-choice',
      metric: 'accuracy',
    });
    writeFileSync(
      join(root, 'MCQ', 'SA.json'),
      JSON.stringify(
        Array.from({ length: 30 }, (_unused, index) => plain(index)),
        null,
        2,
      ),
    );
    writeFileSync(join(root, 'MCQ', 'PR.json'), JSON.stringify(Array.from({ length: 30 }, (_unused, index) => plain(index + 100))));
    const trackMap = join(root, '..', `${root.split('/').at(-1) ?? 'x'}-tracks.json`);
    writeFileSync(trackMap, JSON.stringify({ 'MCQ/SA': 'track1' }));
    const dataset = await openDataset(root, { limit: 10, tasks: ['MCQ/SA', 'MCQ/PR'] }, { trackMap });
    const first = await collect(dataset);
    expect(first).toHaveLength(20);
    expect(new Set(first.map((row) => `${row.taskName} ${row.track}`))).toEqual(new Set(['MCQ/PR untracked', 'MCQ/SA track1']));
    expect(await collect(dataset)).toEqual(first);
  });
});
