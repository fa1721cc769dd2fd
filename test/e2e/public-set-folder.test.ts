import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ItemRecord, RunSummary } from '../../src/scoring/records';
import { runCliInProcess } from '../helpers/cli';
import { writePublicSetFolder } from '../helpers/public-set-folder';

/** Issue 11's "Done when": a generated public-set folder validated (all errors at once), then scored with --skip-invalid-rows. */
describe('a public-set folder with string truths, a foreign metric and broken rows, from the CLI', () => {
  const folder = writePublicSetFolder();
  const commands = {
    score: (out: string): string[] => ['score', '--data', folder.root, '--predictions', folder.predictions, '--out', out],
    run: (out: string): string[] => [
      'run',
      '--data',
      folder.root,
      '--provider',
      'builtin',
      '--model',
      'lexical',
      '--no-cache',
      '--out',
      out,
    ],
  };

  it.each(Object.keys(commands) as (keyof typeof commands)[])(
    '%s lists every invalid row with file:line and reason at once, exits 2 and writes nothing',
    async (command) => {
      const out = join(mkdtempSync(join(tmpdir(), 'shopeval-public-out-')), 'results');
      const result = await runCliInProcess(commands[command](out));
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`${folder.root}: ${folder.broken.length} invalid rows; nothing was scored or written:`);
      const listed = result.stderr.split('\n').filter((line) => line.startsWith('  /'));
      expect(listed.map((line) => line.slice(2, line.indexOf(': ')))).toEqual(folder.broken.map((row) => row.row));
      folder.broken.forEach((row, index) => expect(listed[index]).toContain(row.reason));
      expect(result.stderr).toContain('--skip-invalid-rows');
      expect(existsSync(out)).toBe(false);
    },
  );

  it.each(Object.keys(commands) as (keyof typeof commands)[])(
    '%s --skip-invalid-rows scores the rest, lists the skipped rows everywhere, and scores string truths 0 as the official code',
    async (command) => {
      const out = join(mkdtempSync(join(tmpdir(), 'shopeval-public-out-')), 'results');
      const result = await runCliInProcess([...commands[command](out), '--skip-invalid-rows']);
      expect(result.status).toBe(0);
      for (const row of folder.broken) expect(result.stderr).toContain(`  ${row.row}: `);
      // one warning names every string-truth row and says why it scores 0
      const truthWarnings = result.stderr.split('\n').filter((line) => /truth/.test(line) && line.startsWith('warning'));
      expect(truthWarnings).toHaveLength(1);
      for (const row of folder.stringTruths) expect(result.stderr).toContain(`${row}: the truth is a str`);

      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
      expect(summary.dataset.skipped_rows).toBe(folder.broken.length);
      expect(summary.skipped_rows?.map((row) => row.row)).toEqual(folder.broken.map((row) => row.row));
      expect(summary.truth_warnings?.rows.map((row) => row.row)).toEqual(folder.stringTruths);
      expect(summary.tasks.map((task) => [task.task_name, task.track, task.n])).toEqual([
        ['Generation/MT', 'untracked', 2],
        ['MCQ/PR', 'untracked', 3],
        ['MCQ/SA', 'untracked', 4],
      ]);
      const items = readFileSync(join(out, 'items.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ItemRecord);
      expect(items).toHaveLength(9);
      for (const id of folder.stringTruthIds) {
        expect(items.find((item) => item.id === id)).toMatchObject({ score: 0 });
        expect(items.find((item) => item.id === id)?.truth_note).toMatch(/is False/);
      }
      if (command === 'score') {
        // the predictions are the right answers: every int truth scores 1, every string truth 0 (`3 == "3"` is False)
        expect(summary.tasks.find((task) => task.task_name === 'MCQ/SA')?.score).toBe(0.5);
        expect(summary.tasks.find((task) => task.task_name === 'MCQ/PR')?.score).toBeCloseTo(2 / 3, 15);
      }

      for (const format of ['terminal', 'markdown', 'html', 'json', 'csv']) {
        const report = await runCliInProcess(['report', out, '--format', format, '--output', '-']);
        expect(report.status).toBe(0);
        const text = report.stdout.replace(/&quot;/g, '"').replace(/&#39;/g, "'");
        for (const row of [...folder.broken.map((broken) => broken.row), ...folder.stringTruths]) {
          if (!text.includes(row)) throw new Error(`the ${format} report does not name ${row}`);
        }
      }
    },
  );
});
