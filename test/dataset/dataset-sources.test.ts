import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import { DatasetError } from '../../src/errors';

const dir = mkdtempSync(join(tmpdir(), 'shopeval-sources-'));

const mc = (index: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  input_field: `Question ${index}?\n0. a\n1. b\nAnswer: `,
  output_field: index % 2,
  task_type: 'multiple-choice',
  metric: 'accuracy',
  ...extra,
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

async function errorOf(promise: Promise<unknown>): Promise<DatasetError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw error;
  }
  throw new Error('expected a DatasetError');
}

describe('every invalid row at once', () => {
  const rows = [
    JSON.stringify(mc(1)),
    JSON.stringify(mc(2, { metric: 'bool' })),
    '{"input_field": "x", ',
    JSON.stringify(mc(4)),
    JSON.stringify(mc(5, { task_type: 'essay' })),
    JSON.stringify({ ...mc(6), input_field: undefined }),
  ];

  it('lists each invalid row with file:line and field, and loads nothing', async () => {
    const path = write('many-bad.jsonl', rows.join('\n') + '\n');
    const error = await errorOf(loadDataset(path));
    expect(error.message.split('\n')).toEqual([
      `${path}: 4 invalid rows; nothing was scored or written:`,
      expect.stringMatching(new RegExp(`^  ${escape(path)}:2: metric "bool" is not one of accuracy, `)),
      expect.stringMatching(new RegExp(`^  ${escape(path)}:3: not valid JSON`)),
      `  ${path}:5: task_type "essay" is not one of multiple-choice, ranking, retrieval, named_entity_recognition, generation`,
      `  ${path}:6: missing required field "input_field"`,
    ]);
    expect(error.hint).toMatch(/--skip-invalid-rows/);
  });

  it('caps the list and counts the rest', async () => {
    const many = Array.from({ length: 120 }, (_, index) => JSON.stringify(mc(index, { metric: 'bool' })));
    const error = await errorOf(loadDataset(write('capped.jsonl', many.join('\n'))));
    const lines = error.message.split('\n');
    expect(lines[0]).toMatch(/120 invalid rows/);
    expect(lines).toHaveLength(1 + 50 + 1);
    expect(lines.at(-1)).toBe('  ... and 70 more');
  });

  it('skips them with skipInvalidRows, recording where and why', async () => {
    const path = write('skippable.jsonl', rows.join('\r\n'));
    const dataset = await loadDataset(path, {}, { skipInvalidRows: true });
    expect(dataset.rows.map((row) => row.source.position)).toEqual([1, 4]);
    expect(dataset.skipped.count).toBe(4);
    expect(dataset.skipped.rows.map((row) => row.location.position)).toEqual([2, 3, 5, 6]);
    expect(dataset.skipped.rows[0]?.reason).toMatch(/metric "bool"/);
  });
});

describe('JSON array files', () => {
  it('gives each element the line it starts on, and reports broken elements on their own line', async () => {
    const text = `[\n  ${JSON.stringify(mc(1))},\n  {\n    "input_field": "x",\n    "output_field": \n  },\n  ${JSON.stringify(mc(3, { metric: 'bool' }))}\n]\n`;
    const path = write('array-lines.json', text);
    const error = await errorOf(loadDataset(path));
    expect(error.message).toContain(`${path}:6: not valid JSON`);
    expect(error.message).toContain(`${path}:7: metric "bool"`);
    const dataset = await loadDataset(path, {}, { skipInvalidRows: true });
    expect(dataset.rows[0]?.source).toEqual({ file: path, position: 2, kind: 'line' });
  });

  it('names the line where the array structure breaks', async () => {
    const path = write('no-comma.json', `[\n${JSON.stringify(mc(1))}\n${JSON.stringify(mc(2))}\n]`);
    expect((await errorOf(loadDataset(path))).message).toMatch(new RegExp(`${escape(path)}:3: expected "," or "]" after an array element`));
    const open = write('unclosed.json', `[\n${JSON.stringify(mc(1))},\n`);
    expect((await errorOf(loadDataset(open))).message).toMatch(/the file ends before the closing \]/);
  });
});

describe('dataset identity', () => {
  it('hashes the same rows the same in a JSON array, JSON Lines, CRLF and with a BOM', async () => {
    const rows = [mc(1), mc(2), { ...mc(3), output_field: '3' }];
    const lines = rows.map((row) => JSON.stringify(row));
    const paths = [
      write('same/rows.jsonl', lines.join('\n') + '\n'),
      write('same/rows-crlf.jsonl', lines.join('\r\n')),
      write('same/rows-bom.jsonl', '\ufeff' + lines.join('\n')),
      write('same/rows.json', JSON.stringify(rows, null, 2)),
      write('same/rows-reordered-keys.json', JSON.stringify(rows.map((row) => Object.fromEntries(Object.entries(row).reverse())))),
    ];
    const datasets = await Promise.all(paths.map((path) => loadDataset(path)));
    expect(new Set(datasets.map((dataset) => dataset.sha256)).size).toBe(1);
    expect(new Set(datasets.map((dataset) => dataset.files[0]?.sha256)).size).toBe(paths.length);
    const other = await loadDataset(write('same-other/rows.jsonl', JSON.stringify(mc(9))));
    expect(other.sha256).not.toBe(datasets[0]?.sha256);
  });
});

describe('a folder as a dataset', () => {
  const root = join(dir, 'folder');
  write('folder/MCQ/SA.json', JSON.stringify([mc(1), mc(2)]));
  write(
    'folder/Generation/MT.jsonl',
    [
      JSON.stringify({ input_field: 'Translate', output_field: 'a b c d', task_type: 'generation', metric: 'bleu' }),
      JSON.stringify({ input_field: 'Translate', output_field: 'a b c d', task_type: 'generation', metric: 'rougel' }),
    ].join('\n'),
  );
  write('folder/named.jsonl', JSON.stringify(mc(3, { task_name: 'task2', track: 'amazon-kdd-cup-24-understanding-shopping-concepts' })));
  write('folder/notes.txt', 'not data');

  it('reads every .json/.jsonl file, naming tasks after files (plus the metric when a file mixes them)', async () => {
    const dataset = await loadDataset(root);
    expect(dataset.files.map((file) => file.path)).toEqual(
      ['Generation/MT.jsonl', 'MCQ/SA.json', 'named.jsonl'].map((name) => join(root, name)),
    );
    expect(dataset.rows.map((row) => [row.taskName, row.track])).toEqual([
      ['Generation/MT/bleu', 'untracked'],
      ['Generation/MT/rougel', 'untracked'],
      ['MCQ/SA', 'untracked'],
      ['MCQ/SA', 'untracked'],
      ['task2', 'amazon-kdd-cup-24-understanding-shopping-concepts'],
    ]);
  });

  it('takes tracks from a --track-map file', async () => {
    const map = write(
      'track-map.json',
      JSON.stringify({
        'MCQ/SA.json': 'amazon-kdd-cup-24-shopping-knowledge-reasoning',
        'Generation/MT': 'amazon-kdd-cup-24-multi-lingual-abilities',
      }),
    );
    const dataset = await loadDataset(root, {}, { trackMap: map });
    expect(dataset.rows.map((row) => row.track)).toEqual([
      'amazon-kdd-cup-24-multi-lingual-abilities',
      'amazon-kdd-cup-24-multi-lingual-abilities',
      'amazon-kdd-cup-24-shopping-knowledge-reasoning',
      'amazon-kdd-cup-24-shopping-knowledge-reasoning',
      'amazon-kdd-cup-24-understanding-shopping-concepts',
    ]);
  });

  it('names the file inside the folder and its line in errors', async () => {
    const broken = join(dir, 'broken-folder');
    write('broken-folder/a/ok.jsonl', JSON.stringify(mc(1)));
    write('broken-folder/b/bad.json', `[\n${JSON.stringify(mc(1))},\n${JSON.stringify(mc(2, { metric: 'bool' }))}\n]`);
    const error = await errorOf(loadDataset(broken));
    expect(error.message).toBe(
      `${join(broken, 'b', 'bad.json')}:3: metric "bool" is not one of accuracy, hit rate@3, ndcg, micro f1, rougel, bleu, jp-bleu, sent-transformer, multilingual-sent-transformer`,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
