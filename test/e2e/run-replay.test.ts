import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ItemRecord, RunSummary } from '../../src/scoring/records';
import { DEV_SET, isolatedCacheEnv, REPO_ROOT, runCliInProcess } from '../helpers/cli';

const PLAUSIBLE = join(REPO_ROOT, 'fixtures', 'predictions', 'dev-plausible.jsonl');

function readItems(directory: string): ItemRecord[] {
  return readFileSync(join(directory, 'items.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ItemRecord);
}

describe('shopeval run --provider replay', () => {
  it('scores a partial predictions file exactly as shopeval score does: missing rows are empty outputs, not API errors', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'shopeval-replay-'));
    const partial = join(workspace, 'partial.jsonl');
    writeFileSync(partial, readFileSync(PLAUSIBLE, 'utf8').split('\n').slice(0, 60).join('\n') + '\n');
    const env = isolatedCacheEnv();

    const scoreOut = join(workspace, 'score');
    const scored = await runCliInProcess(['score', '--data', DEV_SET, '--predictions', partial, '--out', scoreOut], { env });
    expect(scored.status).toBe(0);
    const runOut = join(workspace, 'run');
    const replayed = await runCliInProcess(
      ['run', '--data', DEV_SET, '--provider', 'replay', '--predictions', partial, '--model', 'my-submission', '--out', runOut],
      { env },
    );
    expect(replayed.stderr).not.toMatch(/unexpected error|retry/);
    expect(replayed.status).toBe(0);
    const missingWarning = /warning: 36 dataset rows have no prediction, e\.g\. .*; they were scored as empty outputs\n/.exec(
      scored.stderr,
    )?.[0];
    expect(missingWarning).toBeDefined();
    expect(replayed.stderr).toContain(missingWarning); // one code path: the same warning, word for word
    expect(replayed.stderr).toMatch(/^96 of 96 items answered \(96 new\)$/m); // no API errors

    const scoreSummary = JSON.parse(readFileSync(join(scoreOut, 'summary.json'), 'utf8')) as RunSummary;
    expect(readFileSync(join(runOut, 'summary.json'), 'utf8')).toBe(readFileSync(join(scoreOut, 'summary.json'), 'utf8'));
    expect(scoreSummary.counts).toMatchObject({ items: 96, api_errors: 0, missing_predictions: 36 });
    expect(readItems(runOut)).toEqual(readItems(scoreOut));
    expect(readItems(runOut).filter((item) => item.missing_prediction === true)).toHaveLength(36);

    const manifest = JSON.parse(readFileSync(join(runOut, 'manifest.json'), 'utf8')) as {
      model: string;
      provider: Record<string, unknown>;
      counts: unknown;
    };
    expect(manifest.model).toBe('my-submission'); // --model labels a replay run
    expect(manifest.provider).toMatchObject({ provider: 'replay', model: 'my-submission', predictions: partial });
    expect(manifest.counts).toEqual({ items: 96, answered: 96, api_errors: 0, null_content: 0 });

    // resuming asks nothing again: the missing rows are answered (empty), not failed
    const resumed = await runCliInProcess(
      ['run', '--data', DEV_SET, '--provider', 'replay', '--predictions', partial, '--model', 'my-submission', '--out', runOut],
      { env },
    );
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toMatch(/96 of 96 items answered \(96 from the run directory's earlier answers\)/);
    expect(readFileSync(join(runOut, 'summary.json'), 'utf8')).toBe(readFileSync(join(scoreOut, 'summary.json'), 'utf8'));
  }, 120_000);

  it('refuses a predictions file whose ids match no row exactly as shopeval score does, writing nothing', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'shopeval-replay-'));
    const foreign = join(workspace, 'foreign.jsonl');
    writeFileSync(foreign, '{"id": "q-1", "output": "1"}\n{"id": "q-2", "output": "B"}\n');
    const env = isolatedCacheEnv();
    const scored = await runCliInProcess(['score', '--data', DEV_SET, '--predictions', foreign, '--embedding-backend', 'none'], { env });
    const runOut = join(workspace, 'run');
    const replayed = await runCliInProcess(
      ['run', '--data', DEV_SET, '--provider', 'replay', '--predictions', foreign, '--out', runOut, '--embedding-backend', 'none'],
      { env },
    );
    expect(scored.status).toBe(2);
    expect(replayed.status).toBe(2);
    const message = /shopeval: none of the 2 ids in .*foreign\.jsonl \(e\.g\. "q-1"\) is a row of .*\n.*\n/.exec(scored.stderr)?.[0];
    expect(message).toBeDefined();
    expect(replayed.stderr).toContain(message);
    expect(existsSync(runOut)).toBe(false);
  });
});
