import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_SET, isolatedCacheEnv, runCliAsync, runCliInProcess, type CliResult } from '../helpers/cli';
import { temporaryDirectory } from './run-fixtures';

const PREDICTIONS = 'fixtures/predictions/dev-plausible.jsonl';

function expectCleanRefusal(result: CliResult, message: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /); // no stack trace
  expect(result.stderr).not.toContain('\u0000');
}

describe('bad input is exit 2 with the file and the reason, never a stack trace (built CLI)', () => {
  const workspace = temporaryDirectory('crashes');
  const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
  const deepRow = JSON.stringify({ input_field: 'x', output_field: 'y', task_type: 'generation', metric: 'rougel' }).replace(
    /}$/,
    `, "deep": ${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
  );

  it.each([
    ['a dataset line nested 200,000 deep', 'deep-dataset.jsonl', deep, 'data'],
    ['a dataset row nested 5,000 deep', 'deep-row.jsonl', deepRow, 'data'],
    ['a predictions file nested deep', 'deep-predictions.jsonl', deepRow, 'predictions'],
  ])(
    '%s',
    async (_name, file, text, role) => {
      const path = join(workspace, file);
      writeFileSync(path, `${text}\n`);
      const args = role === 'data' ? ['--data', path, '--predictions', PREDICTIONS] : ['--data', DEV_SET, '--predictions', path];
      expectCleanRefusal(await runCliAsync(['score', ...args]), new RegExp(`${file}(?::1|\\[0\\]): JSON nested more than 64 levels deep`));
    },
    60_000,
  );

  // the JSON nested 200,000 deep above runs in a real process, whose stack it could overflow; these need none
  it('names UTF-16 (with a BOM or without) and Latin-1 files as such', async () => {
    const text = `${JSON.stringify({ input_field: 'café', output_field: 'y', task_type: 'generation', metric: 'rougel' })}\n`;
    const files = {
      'bom.jsonl': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'nobom.jsonl': Buffer.from(text, 'utf16le'),
      'latin1.jsonl': Buffer.from(text, 'latin1'),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(workspace, name), bytes);
    expectCleanRefusal(
      await runCliInProcess(['score', '--data', join(workspace, 'bom.jsonl'), '--predictions', PREDICTIONS]),
      /bom\.jsonl is encoded as UTF-16LE, not UTF-8/,
    );
    expectCleanRefusal(
      await runCliInProcess(['score', '--data', join(workspace, 'nobom.jsonl'), '--predictions', PREDICTIONS]),
      /nobom\.jsonl is encoded as UTF-16LE, not UTF-8/,
    );
    expectCleanRefusal(
      await runCliInProcess(['score', '--data', join(workspace, 'latin1.jsonl'), '--predictions', PREDICTIONS]),
      /latin1\.jsonl:1: byte 0xe9 at offset \d+ is not UTF-8/,
    );
  }, 60_000);

  it('refuses run --out naming a file, and a run directory whose responses.jsonl is a directory', async () => {
    const file = join(workspace, 'a-file');
    writeFileSync(file, 'mine\n');
    expectCleanRefusal(
      await runCliInProcess(['run', '--data', DEV_SET, '--provider', 'builtin', '--out', file], { env: isolatedCacheEnv() }),
      /--out .*a-file is a file, not a directory/,
    );
    const out = join(workspace, 'run');
    expect(
      (
        await runCliInProcess(['run', '--data', DEV_SET, '--provider', 'builtin', '--out', out, '--limit', '1'], {
          env: isolatedCacheEnv(),
        })
      ).status,
    ).toBe(0);
    rmSync(join(out, 'responses.jsonl'));
    mkdirSync(join(out, 'responses.jsonl'));
    expectCleanRefusal(
      await runCliInProcess(['run', '--data', DEV_SET, '--provider', 'builtin', '--out', out, '--limit', '1'], { env: isolatedCacheEnv() }),
      /cannot open the response log .*responses\.jsonl: EISDIR/,
    );
  }, 60_000);
});
