import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ItemRecord, RunSummary } from '../../src/scoring/records';
import { isolatedCacheEnv, runCliInProcess } from '../helpers/cli';

/** A public-set-like folder: JSON-array files without task_name or track, string truths, a foreign metric, broken rows. */
function writeFolder(): { root: string; predictions: string } {
  const root = mkdtempSync(join(tmpdir(), 'shopeval-folder-'));
  mkdirSync(join(root, 'MCQ'));
  mkdirSync(join(root, 'Generation'));
  const mcq = [
    {
      id: 'sa-1',
      input_field: 'Sentiment?\n0. neg\n1. neu\n2. pos\nAnswer: ',
      output_field: '2',
      task_type: 'multiple-choice',
      metric: 'accuracy',
    },
    {
      id: 'sa-2',
      input_field: 'Sentiment?\n0. neg\n1. neu\n2. pos\nAnswer: ',
      output_field: 2,
      task_type: 'multiple-choice',
      metric: 'accuracy',
    },
    { id: 'sa-3', input_field: 'Is it?', output_field: true, task_type: 'multiple-choice', metric: 'bool' },
  ];
  writeFileSync(join(root, 'MCQ', 'SA.json'), JSON.stringify(mcq, null, 2));
  writeFileSync(
    join(root, 'Generation', 'MT.json'),
    `[\n  {"id": "mt-1", "input_field": "Translate", "output_field": "a red cotton shirt for men", "task_type": "generation", "metric": "rougel"},\n  {"id": "mt-2", "input_field": "Translate", "output_field": \n  }\n]\n`,
  );
  const predictions = join(root, '..', `${root.split('/').at(-1) ?? 'x'}-predictions.jsonl`);
  writeFileSync(
    predictions,
    ['sa-1', 'sa-2', 'mt-1'].map((id) => JSON.stringify({ id, output: id === 'mt-1' ? 'a red cotton shirt for men' : '2' })).join('\n'),
  );
  return { root, predictions };
}

describe('a folder of JSON-array files as users have them', () => {
  const { root, predictions } = writeFolder();

  it('lists every invalid row with file:line and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shopeval-folder-out-')), 'scores');
    const result = await runCliInProcess(['score', '--data', root, '--predictions', predictions, '--out', out], {
      env: isolatedCacheEnv(),
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${root}: 2 invalid rows; nothing was scored or written:`);
    expect(result.stderr).toContain(`${join(root, 'Generation', 'MT.json')}:4: not valid JSON`);
    expect(result.stderr).toContain(`${join(root, 'MCQ', 'SA.json')}:16: metric "bool" is not one of`);
    expect(result.stderr).toMatch(/--skip-invalid-rows/);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['kddcup2024', 0.5],
    ['shoppingmmlu', 1],
  ])('scores the valid rows with --skip-invalid-rows, the string truth as %s scores it', async (profile, mcqScore) => {
    const out = mkdtempSync(join(tmpdir(), 'shopeval-folder-out-'));
    const result = await runCliInProcess(
      ['score', '--data', root, '--predictions', predictions, '--out', out, '--skip-invalid-rows', '--profile', profile],
      { env: isolatedCacheEnv() },
    );
    expect(result.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.dataset.skipped_rows).toBe(2);
    expect(summary.skipped_rows?.map((row) => row.row)).toEqual([
      `${join(root, 'Generation', 'MT.json')}:4`,
      `${join(root, 'MCQ', 'SA.json')}:16`,
    ]);
    expect(summary.tasks.map((task) => [task.task_name, task.track, task.score])).toEqual([
      ['Generation/MT', 'untracked', 1],
      ['MCQ/SA', 'untracked', mcqScore],
    ]);
    const items = readFileSync(join(out, 'items.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ItemRecord);
    const stringTruth = items.find((item) => item.id === 'sa-1');
    if (profile === 'kddcup2024') {
      expect(stringTruth).toMatchObject({ score: 0, truth: '2' });
      expect(stringTruth?.truth_note).toMatch(/2 == '2' is False/);
      expect(result.stderr).toContain(`${join(root, 'MCQ', 'SA.json')}:2: the truth is a str ("2")`);
      expect(summary.truth_warnings?.count).toBe(1);
    } else {
      expect(stringTruth).toMatchObject({ score: 1 });
    }
    expect(result.stderr).toContain('warning: 2 invalid rows were skipped (--skip-invalid-rows)');
    const report = await runCliInProcess(['report', out, '--format', 'terminal'], { env: isolatedCacheEnv() });
    expect(report.stdout + report.stderr).toContain(`skipped ${join(root, 'MCQ', 'SA.json')}:16: metric "bool"`);
    const csv = await runCliInProcess(['report', out, '--format', 'csv', '--output', '-'], { env: isolatedCacheEnv() });
    const warningRows = csv.stdout.split('\r\n').filter((line) => line.includes(',warning,'));
    expect(warningRows.some((line) => line.includes(`skipped ${join(root, 'MCQ', 'SA.json')}:16: metric`))).toBe(true);
  });
});
