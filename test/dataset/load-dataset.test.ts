import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import { DatasetError } from '../../src/errors';

const DEV = join(__dirname, '..', '..', 'fixtures', 'datasets', 'shopbench-dev.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'shopeval-dataset-'));

const good = {
  input_field: 'Which?\n0. a\n1. b\nAnswer: ',
  output_field: 1,
  task_type: 'multiple-choice',
  metric: 'accuracy',
  task_name: 'task2',
  track: 'amazon-kdd-cup-24-understanding-shopping-concepts',
};

function writeLines(name: string, rows: readonly unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n') + '\n');
  return path;
}

async function errorOf(path: string): Promise<DatasetError> {
  try {
    await loadDataset(path);
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw error;
  }
  throw new Error('expected a DatasetError');
}

describe('loadDataset', () => {
  it('reads the 96-row dev set with stable, unique content ids', async () => {
    const first = await loadDataset(DEV);
    const second = await loadDataset(DEV);
    expect(first.rows).toHaveLength(96);
    expect(new Set(first.rows.map((row) => row.id)).size).toBe(96);
    expect(first.rows.map((row) => row.id)).toEqual(second.rows.map((row) => row.id));
    expect(first.rows[0]?.id).toMatch(/^r-[0-9a-f]{16}$/);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(first.rows.map((row) => row.taskName)).size).toBe(18);
  });

  it('keeps ids given in the file and reads a JSON array', async () => {
    const path = join(dir, 'array.json');
    writeFileSync(
      path,
      JSON.stringify([
        { ...good, id: 'q1' },
        { ...good, id: 7 },
      ]),
    );
    const dataset = await loadDataset(path);
    expect(dataset.rows.map((row) => row.id)).toEqual(['q1', '7']);
  });

  it('groups rows without task_name by task type and metric, and rows without track as untracked', async () => {
    const { task_name: _name, track: _track, ...bare } = good;
    const dataset = await loadDataset(writeLines('bare.jsonl', [bare]));
    expect(dataset.rows[0]).toMatchObject({ taskName: 'multiple-choice/accuracy', track: 'untracked' });
  });

  it('gives duplicate rows distinct ids', async () => {
    const dataset = await loadDataset(writeLines('dupes.jsonl', [good, good]));
    const [a, b] = dataset.rows.map((row) => row.id);
    expect(b).toBe(`${a}#2`);
  });

  it('names file, line and field for an unknown metric', async () => {
    const path = writeLines('metric.jsonl', [good, good, { ...good, metric: 'hit rate@5' }]);
    const error = await errorOf(path);
    expect(error.message).toBe(
      `${path}:3: metric "hit rate@5" is not one of accuracy, hit rate@3, ndcg, micro f1, rougel, bleu, jp-bleu, sent-transformer, multilingual-sent-transformer`,
    );
  });

  it.each([
    ['a missing field', { ...good, input_field: undefined }, 'missing required field "input_field"'],
    ['an unknown task type', { ...good, task_type: 'essay' }, 'task_type "essay" is not one of'],
    ['a metric of another task type', { ...good, metric: 'ndcg' }, 'metric "ndcg" scores ranking rows, but task_type is "multiple-choice"'],
    ['a metric the competition never used', { ...good, metric: 'bool' }, 'metric "bool" is not one of accuracy'],
  ])('rejects %s', async (_what, row, message) => {
    const path = writeLines('bad.jsonl', [good, row]);
    const error = await errorOf(path);
    expect(error.message).toContain(`${path}:2: ${message}`);
  });

  it('rejects a broken line before anything else', async () => {
    const path = writeLines('broken.jsonl', [good, '{"input_field": "x", ']);
    expect((await errorOf(path)).message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not valid JSON`));
  });

  it('rejects an id used twice, naming both places', async () => {
    const path = writeLines('ids.jsonl', [
      { ...good, id: 'a' },
      { ...good, id: 'a' },
    ]);
    expect((await errorOf(path)).message).toBe(`${path}:2: id "a" is used twice (first at ${path}:1)`);
  });

  it('filters by task, track and a per-task limit', async () => {
    const dataset = await loadDataset(DEV, { tasks: ['task11', 'task2'], limit: 3 });
    expect(dataset.rows.map((row) => row.taskName)).toEqual(['task2', 'task2', 'task2', 'task11', 'task11', 'task11']);
    await expect(loadDataset(DEV, { tasks: ['task99'] })).rejects.toThrow(/no rows match the filter/);
  });
});

describe('loadDataset validation details', () => {
  it('names a missing task_type rather than the truth shape it would imply', async () => {
    const { task_type: _type, ...row } = good;
    const path = writeLines('no-type.jsonl', [good, row]);
    expect((await errorOf(path)).message).toBe(`${path}:2: missing required field "task_type"`);
  });

  it('accepts truths of any JSON type (they are scored as the official code scores them)', async () => {
    const rows = [
      { ...good, output_field: '3' },
      { ...good, task_type: 'retrieval', metric: 'hit rate@3', output_field: [1, 'x'] },
      { ...good, task_type: 'generation', metric: 'bleu', output_field: ['a b c d', 'e'] },
    ];
    const dataset = await loadDataset(writeLines('odd-truths.jsonl', rows));
    expect(dataset.rows.map((row) => row.truth)).toEqual(['3', [1, 'x'], ['a b c d', 'e']]);
  });

  it('rejects negative ranking weights and empty ids', async () => {
    const ranking = { ...good, task_type: 'ranking', metric: 'ndcg', output_field: [1, -1, 0, 0, 0] };
    expect((await errorOf(writeLines('negative.jsonl', [ranking]))).message).toMatch(/:1: output_field\[1\] must be at least 0, got -1$/);
    expect((await errorOf(writeLines('empty-id.jsonl', [{ ...good, id: '' }]))).message).toMatch(/:1: id must not be empty$/);
  });

  it('gives the line of a syntax error in a JSON array file', async () => {
    const path = join(dir, 'broken-array.json');
    writeFileSync(path, `[\n${JSON.stringify(good)},\n${JSON.stringify(good)},\n{"input_field": }\n]`);
    expect((await errorOf(path)).message).toMatch(new RegExp(`:4: not valid JSON`));
  });

  it('keeps the rows before a line nested too deep to read, which ends the file (a chunk is read as one batch)', async () => {
    const deep = `{"input_field": ${'['.repeat(100)}${']'.repeat(100)}}`;
    const rows = [1, 2, 3].map((n) => ({ ...good, task_name: `task${n}` }));
    const path = writeLines('deep-after-rows.jsonl', [...rows, deep, { ...good, task_name: 'after' }]);
    const dataset = await loadDataset(path, {}, { skipInvalidRows: true });
    expect(dataset.rows.map((row) => row.taskName)).toEqual(['task1', 'task2', 'task3']);
    expect(dataset.skipped.rows.map(({ location, reason }) => [location.position, reason])).toEqual([
      [4, expect.stringMatching(/JSON nested more than 64 levels deep/)],
    ]);
  });
});
