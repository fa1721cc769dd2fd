import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_SET, isolatedCacheEnv, runCliInProcess } from '../helpers/cli';
import { temporaryDirectory } from './run-fixtures';

const PREDICTIONS = 'fixtures/predictions/dev-plausible.jsonl';

/** A user's folder that happens to hold files named like shopeval's. */
function usersFolder(workspace: string): { folder: string; contents: Record<string, string> } {
  const folder = join(workspace, 'mine');
  mkdirSync(folder, { recursive: true });
  const contents = { 'summary.json': '{"my": "own summary"}\n', 'items.jsonl': '{"my": "own items"}\n', 'notes.txt': 'keep me\n' };
  for (const [name, text] of Object.entries(contents)) writeFileSync(join(folder, name), text);
  return { folder, contents };
}

function expectUntouched(folder: string, contents: Record<string, string>): void {
  expect(readdirSync(folder).sort()).toEqual(Object.keys(contents).sort());
  for (const [name, text] of Object.entries(contents)) expect(readFileSync(join(folder, name), 'utf8')).toBe(text);
}

describe('shopeval never overwrites files it did not write', () => {
  it('refuses run --out and score --out into a non-empty folder without a manifest, and a responses.jsonl without one', async () => {
    const workspace = temporaryDirectory('others');
    const { folder, contents } = usersFolder(workspace);
    const env = isolatedCacheEnv();
    const run = await runCliInProcess(['run', '--data', DEV_SET, '--provider', 'builtin', '--out', folder], { env });
    const score = await runCliInProcess(['score', '--data', DEV_SET, '--predictions', PREDICTIONS, '--out', folder], { env });
    for (const result of [run, score]) {
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/is not empty and holds files that shopeval did not write \(no manifest\.json\)/);
    }
    expectUntouched(folder, contents);
    const orphan = join(workspace, 'orphan');
    mkdirSync(orphan);
    writeFileSync(join(orphan, 'responses.jsonl'), '{"id": "x", "output": "y"}\n');
    const resumed = await runCliInProcess(['run', '--data', DEV_SET, '--provider', 'builtin', '--out', orphan], { env });
    expect(resumed.status).toBe(2);
    expect(readdirSync(orphan)).toEqual(['responses.jsonl']);
  }, 120_000);

  it('refuses a dataset named like a result file inside --out', async () => {
    const workspace = temporaryDirectory('dataset-inside');
    const data = join(workspace, 'items.jsonl');
    writeFileSync(data, readFileSync(DEV_SET));
    const result = await runCliInProcess(['score', '--data', data, '--predictions', PREDICTIONS, '--out', workspace], {
      env: isolatedCacheEnv(),
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('would overwrite the input');
    expect(readFileSync(data, 'utf8')).toBe(readFileSync(DEV_SET, 'utf8'));
  }, 60_000);

  it('refuses report --output onto the files of the run it reads, or of another run', async () => {
    const workspace = temporaryDirectory('report-onto-run');
    const env = isolatedCacheEnv();
    const runs = [join(workspace, 'a'), join(workspace, 'b')];
    for (const out of runs)
      expect(
        (
          await runCliInProcess(['score', '--data', DEV_SET, '--predictions', PREDICTIONS, '--out', out, '--embedding-backend', 'none'], {
            env,
          })
        ).status,
      ).toBe(0);
    const before = runs.map((run) => readFileSync(join(run, 'summary.json'), 'utf8'));
    for (const target of [join(runs[0] ?? '', 'summary.json'), join(runs[1] ?? '', 'items.jsonl')]) {
      const result = await runCliInProcess(['report', runs[0] ?? '', '--format', 'json', '--output', target], { env });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/refusing to overwrite/);
    }
    expect(runs.map((run) => readFileSync(join(run, 'summary.json'), 'utf8'))).toEqual(before);
    expect((await runCliInProcess(['report', runs[0] ?? '', '--format', 'terminal'], { env })).status).toBe(0);
  }, 120_000);
});
