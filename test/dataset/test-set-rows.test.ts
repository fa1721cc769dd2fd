import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunDataset } from '../../src/dataset/load-dataset';
import { QuestionIds } from '../../src/dataset/question-ids';
import { createRowValidator } from '../../src/dataset/validate-row';

function file(lines: readonly unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'shopeval-testset-')), 'rows.jsonl');
  writeFileSync(path, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  return path;
}

describe('test-set rows', () => {
  const validate = createRowValidator();

  it('need input_field and is_multiple_choice; task_type and metric are checked when given', () => {
    expect(validate({ input_field: 'q', is_multiple_choice: true })).toHaveProperty('row');
    expect(validate({ input_field: 'q' })).toEqual({
      reason: 'missing required field "output_field" (a test-set row, without it, needs "is_multiple_choice")',
    });
    expect(validate({ input_field: 'q', is_multiple_choice: 'yes' })).toEqual({
      reason: 'is_multiple_choice must be a boolean, got "yes"',
    });
    expect(validate({ input_field: 'q', is_multiple_choice: false, task_type: 'essay' })).toHaveProperty(
      'reason',
      expect.stringMatching(/task_type "essay" is not one of/),
    );
    expect(validate({ input_field: 'q', output_field: 1, task_type: 'multiple-choice' })).toEqual({
      reason: 'missing required field "metric"',
    });
  });

  it('get question ids (repeats numbered in file order) and tasks by is_multiple_choice; a labelled row derives the same id', async () => {
    const path = file([
      { input_field: 'same', is_multiple_choice: true },
      { input_field: 'other', is_multiple_choice: false },
      { input_field: 'same', is_multiple_choice: true },
      { id: 7, input_field: 'named', is_multiple_choice: false, task_type: 'generation' },
    ]);
    const opened = await openRunDataset(path);
    expect(opened.kind).toBe('test-set');
    const rows = [];
    for await (const row of opened.dataset.rowsInOrder()) rows.push(row);
    const questions = new QuestionIds();
    expect(rows.map((row) => row.id)).toEqual([questions.next('same'), questions.next('other'), questions.next('same'), '7']);
    expect(rows[2]?.id).toMatch(/^q-[0-9a-f]{16}#2$/);
    expect(rows.map((row) => row.taskName)).toEqual(['multiple-choice', 'open-ended', 'multiple-choice', 'generation/unscored']);
    expect(opened.dataset.metrics.size).toBe(0);
  });
});
