import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedCacheEnv, runCliAsync, type CliResult } from '../helpers/cli';
import { devSetRows, isSemanticRow, temporaryDirectory } from './run-fixtures';

// retitles the window, clears the screen, and a one-byte CSI (C1)
const ESCAPES = '\u001b]0;pwned\u0007\u001b[2J\u009b31m';
// any raw control character a terminal would act on (the progress bar's own "\u001b[K" aside)
const RAW_CONTROL = /\u001b(?!\[K)|[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f]/;

function hostileDataset(workspace: string): string {
  const rows = devSetRows().filter((row) => !isSemanticRow(row));
  const renamed = rows.map((row, index) => ({
    ...row,
    task_name: index % 2 === 0 ? `=HYPERLINK("http://evil.example","x")${ESCAPES}` : `@SUM(1+1)*cmd|' /C calc'!A0`,
    track: index % 3 === 0 ? `+track${ESCAPES}` : '-track',
  }));
  const data = join(workspace, 'hostile.jsonl');
  writeFileSync(data, renamed.map((row) => JSON.stringify(row)).join('\n') + '\n');
  return data;
}

function expectInert(results: readonly CliResult[]): void {
  for (const result of results) expect({ raw: RAW_CONTROL.test(result.stdout + result.stderr) }).toEqual({ raw: false });
}

describe('text from datasets and tags is inert in terminals and spreadsheets (built CLI)', () => {
  it('escapes control characters in tables, reports and messages, and neutralises formulas in CSV cells', async () => {
    const workspace = temporaryDirectory('hostile');
    const data = hostileDataset(workspace);
    const env = isolatedCacheEnv();
    const runs = [join(workspace, 'a'), join(workspace, 'b')];
    const results: CliResult[] = [];
    for (const [index, out] of runs.entries()) {
      results.push(
        await runCliAsync(
          [
            'run',
            '--data',
            data,
            '--provider',
            'builtin',
            '--model',
            index === 0 ? 'lexical' : 'random',
            '--out',
            out,
            `--tag=@cmd=|' /C calc'!A0=@SUM(${index})`,
            `--tag=-mix=+${ESCAPES}`,
          ],
          { env },
        ),
      );
      expect(results.at(-1)?.status).toBe(0);
    }
    expect(results[0]?.stdout).toContain('\\u001b]0;pwned');
    for (const format of ['terminal', 'markdown', 'csv']) {
      const file = join(workspace, `report.${format}`);
      results.push(await runCliAsync(['report', runs[0] ?? '', '--format', format, '--output', file, '--resamples', '50'], { env }));
      results.push(await runCliAsync(['report', runs[0] ?? '', '--format', format, '--output', '-', '--resamples', '50'], { env }));
      expect(RAW_CONTROL.test(readFileSync(file, 'utf8'))).toBe(false);
    }
    const leaderboard = join(workspace, 'board.csv');
    results.push(await runCliAsync(['leaderboard', ...runs, '--format', 'csv', '--output', leaderboard, '--resamples', '50'], { env }));
    expectInert(results);
    const csvCells = (file: string): string[] =>
      readFileSync(file, 'utf8')
        .split(/\r\n/)
        .flatMap((line) => line.split(','));
    const formulaStart = (cell: string): boolean => /^"?[=+\-@\t\r]/.test(cell);
    for (const file of [join(workspace, 'report.csv'), leaderboard]) {
      const cells = csvCells(file);
      expect(cells.filter(formulaStart)).toEqual([]);
      expect(cells.some((cell) => /^"?'[=+\-@]/.test(cell))).toBe(true); // kept, with the apostrophe spreadsheets show as text
    }
  }, 180_000);

  it('escapes control characters in error messages: an invalid-JSON snippet and a bad field', async () => {
    const workspace = temporaryDirectory('hostile-errors');
    const broken = join(workspace, 'broken.jsonl');
    writeFileSync(broken, `{"input_field": "${'\u001b'}]0;pwned${'\u0007'}", oops}\n`);
    const badField = join(workspace, 'bad-field.jsonl');
    writeFileSync(
      badField,
      JSON.stringify({ id: `id${ESCAPES}`, input_field: 'x', output_field: 'y', task_type: 'generation', metric: `rougel${ESCAPES}` }) +
        '\n',
    );
    const results = [
      await runCliAsync(['score', '--data', broken, '--predictions', broken]),
      await runCliAsync(['score', '--data', badField, '--predictions', badField]),
    ];
    for (const result of results) expect(result.status).toBe(2);
    expectInert(results);
  }, 60_000);
});
