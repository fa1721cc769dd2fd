import Ajv from 'ajv';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import itemsSchema from '../../src/schemas/items-line.schema.json';
import summarySchema from '../../src/schemas/summary.schema.json';
import type { ItemRecord, RunSummary } from '../../src/scoring/records';
import { DEV_SET, isolatedCacheEnv, REPO_ROOT, runCliInProcess } from '../helpers/cli';

const PERFECT = join(REPO_ROOT, 'fixtures', 'predictions', 'dev-perfect.jsonl');
const PLAUSIBLE = join(REPO_ROOT, 'fixtures', 'predictions', 'dev-plausible.jsonl');
const ajv = new Ajv({ allErrors: true, strict: false });

async function scoreInto(
  predictions: string,
  extra: readonly string[] = [],
): Promise<{ summary: RunSummary; items: ItemRecord[]; stdout: string; stderr: string }> {
  const out = mkdtempSync(join(tmpdir(), 'shopeval-score-'));
  const result = await runCliInProcess(['score', '--data', DEV_SET, '--predictions', predictions, '--out', out, ...extra], {
    env: isolatedCacheEnv(),
  });
  expect(result.stderr).not.toMatch(/unexpected error/);
  expect(result.status).toBe(0);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
  const items = readFileSync(join(out, 'items.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ItemRecord);
  return { summary, items, stdout: result.stdout, stderr: result.stderr };
}

describe('shopeval score', () => {
  it('gives 1.0 to every exact-match task when every answer is right', async () => {
    const { summary, stdout } = await scoreInto(PERFECT);
    const exact = summary.tasks.filter((task) => ['accuracy', 'hit rate@3', 'ndcg', 'micro f1'].includes(task.metric));
    expect(exact.length).toBe(15);
    for (const task of exact) expect({ task: task.task_name, score: task.score }).toEqual({ task: task.task_name, score: 1 });
    // ROUGE-L of an identical answer is 1; BLEU keeps its quirk (identical answers of >= 4 tokens give 1.0000000000000004).
    expect(summary.tasks.find((task) => task.metric === 'rougel')?.score).toBe(1);
    expect(stdout).toMatch(/overall\s+│ mean of tracks/);
  });

  it('reports the sentence-embedding task as unscored and leaves it out of the figures', async () => {
    const { summary, items, stdout } = await scoreInto(PLAUSIBLE);
    const task1 = summary.tasks.find((task) => task.task_name === 'task1');
    expect(task1).toMatchObject({ status: 'unscored', score: null, reason: expect.stringMatching(/embedding/) });
    expect(summary.left_out.map((entry) => entry.task_name)).toEqual(['task1']);
    expect(summary.tracks.find((track) => track.track.includes('understanding'))?.tasks_left_out).toEqual(['task1']);
    expect(items.filter((item) => item.task_name === 'task1').every((item) => item.score === null && item.unscored)).toBe(true);
    // the terminal says it once, short, and points at summary.json, which has the reason in full
    expect(stdout).toMatch(
      /Left out of the track and overall figures \(why, and how to fix it: .*summary\.json\):\n {2}task1: no local copy of sentence-transformers\/all-MiniLM-L6-v2 was found\n/,
    );
    expect(stdout).not.toMatch(/--sent-transformer-model DIR/);
    expect(task1?.reason).toMatch(/was found\. To score it: .*--sent-transformer-model DIR/);
    expect(summary.overall).toBeGreaterThan(0.2);
    expect(summary.overall).toBeLessThan(0.95);
  });

  it('writes items.jsonl and summary.json that match their published schemas', async () => {
    const { summary, items } = await scoreInto(PLAUSIBLE, ['--profile', 'shoppingmmlu']);
    expect(summary.profile).toBe('shoppingmmlu');
    const validateSummary = ajv.compile(summarySchema);
    expect(validateSummary(summary) ? [] : validateSummary.errors).toEqual([]);
    const validateItem = ajv.compile(itemsSchema);
    for (const item of items) expect(validateItem(item) ? [] : validateItem.errors).toEqual([]);
    expect(items).toHaveLength(96);
  });

  it('scores a missing prediction as empty and reports unknown ids', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopeval-preds-'));
    const lines = readFileSync(PERFECT, 'utf8').trim().split('\n');
    const predictions = join(dir, 'partial.jsonl');
    writeFileSync(predictions, [...lines.slice(1), JSON.stringify({ id: 'nope', output: '1' })].join('\n') + '\n');
    const { summary, items, stderr } = await scoreInto(predictions);
    expect(summary.counts).toMatchObject({ missing_predictions: 1, unknown_prediction_ids: 1 });
    expect(items[0]).toMatchObject({ missing_prediction: true, output: '' });
    expect(stderr).toMatch(/1 dataset rows have no prediction, e.g. "r-[0-9a-f]{16}" \(.*shopbench-dev.jsonl:1\)/);
    expect(stderr).toMatch(/1 predictions name ids not in the dataset, e.g. "nope" \(.*partial\.jsonl:96\)/);
  });

  it('exits 2 naming file, line and field for a bad predictions line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopeval-preds-'));
    const predictions = join(dir, 'bad.jsonl');
    writeFileSync(predictions, '{"id": "a", "output": "1"}\n{"id": "b", "output": 3}\n');
    const result = await runCliInProcess(['score', '--data', DEV_SET, '--predictions', predictions]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${predictions}:2: field "output" must be a string, got 3`);
  });

  it('exits 2 when no prediction names a dataset row, instead of a table of zeros', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopeval-preds-'));
    const predictions = join(dir, 'other.jsonl');
    writeFileSync(predictions, '{"id": "q1", "output": "1"}\n');
    const result = await runCliInProcess(['score', '--data', DEV_SET, '--predictions', predictions]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`none of the 1 ids in ${predictions} (e.g. "q1") is a row of`);
  });

  it('exits 2 for an unknown profile', async () => {
    const result = await runCliInProcess(['score', '--data', DEV_SET, '--predictions', PERFECT, '--profile', 'mmlu']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/profile/);
  });
});
