import fs, { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataset, type DatasetOptions } from '../../src/dataset/load-dataset';
import { PredictionIndex } from '../../src/dataset/prediction-index';
import { scoreDatasetFile } from '../../src/pipeline/score-dataset-file';
import { scorePredictions } from '../../src/pipeline/score-predictions';
import { DEV_SET, REPO_ROOT } from '../helpers/cli';

const PLAUSIBLE = join(REPO_ROOT, 'fixtures', 'predictions', 'dev-plausible.jsonl');
const devLines = readFileSync(DEV_SET, 'utf8').trim().split('\n');
const lexicalLines = devLines.filter((line) => !line.includes('"metric":"sent-transformer"'));
const semanticLine = devLines.find((line) => line.includes('"metric":"sent-transformer"')) ?? '';

function writeData(lines: readonly string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'shopeval-one-pass-')), 'data.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Scores as `score` did before it read the dataset once: a validating pass, then the scoring pass. */
async function scoreInTwoPasses(
  data: string,
  predictionsPath: string,
  options: DatasetOptions = {},
): Promise<{ items: string; summary: string }> {
  const out = mkdtempSync(join(tmpdir(), 'shopeval-two-pass-out-'));
  const dataset = await openDataset(data, {}, options);
  const predictions = await PredictionIndex.open(predictionsPath);
  try {
    await scorePredictions({ dataset, predictions, profile: 'kddcup2024', embedders: {}, embeddingUnavailable: {}, out });
  } finally {
    predictions.close();
  }
  return { items: readFileSync(join(out, 'items.jsonl'), 'utf8'), summary: readFileSync(join(out, 'summary.json'), 'utf8') };
}

/** Scores with scoreDatasetFile, counting how often the data file is opened for reading. */
async function scoreInOnePass(data: string, predictions: string, options: DatasetOptions = {}) {
  const out = join(mkdtempSync(join(tmpdir(), 'shopeval-one-pass-out-')), 'scores');
  const opened = jest.spyOn(fs, 'createReadStream');
  try {
    const result = await scoreDatasetFile({
      data,
      predictions,
      profile: 'kddcup2024',
      datasetOptions: options,
      out,
      embeddersFor: () => Promise.resolve({ embedders: {}, unavailable: {} }),
    });
    const reads = opened.mock.calls.filter(([path]) => path === data).length;
    return {
      result,
      reads,
      items: readFileSync(join(out, 'items.jsonl'), 'utf8'),
      summary: readFileSync(join(out, 'summary.json'), 'utf8'),
    };
  } finally {
    opened.mockRestore();
  }
}

describe('scoreDatasetFile', () => {
  it('scores a lexical dataset while validating it: one pass (and one key count), the same files as two passes', async () => {
    // a repeated row gets a `#2` content id (no prediction names it) and a jp-bleu row loads the dictionary mid-pass
    const data = writeData([...lexicalLines, lexicalLines[3] ?? '']);
    const once = await scoreInOnePass(data, PLAUSIBLE);
    expect(once.reads).toBe(2);
    const twice = await scoreInTwoPasses(data, PLAUSIBLE);
    expect(once.items).toBe(twice.items);
    expect(once.summary).toBe(twice.summary);
    expect(once.result.summary.counts.missing_predictions).toBe(1);
    expect(once.result.warnings.join('\n')).toMatch(/1 dataset rows have no prediction/);
    expect(once.result.dataset.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('skips invalid rows in the same pass with --skip-invalid-rows', async () => {
    const data = writeData([...lexicalLines.slice(0, 20), '{"input_field": "x"', ...lexicalLines.slice(20)]);
    const once = await scoreInOnePass(data, PLAUSIBLE, { skipInvalidRows: true });
    expect(once.reads).toBe(2);
    const twice = await scoreInTwoPasses(data, PLAUSIBLE, { skipInvalidRows: true });
    expect(once.items).toBe(twice.items);
    expect(once.summary).toBe(twice.summary);
    expect(once.result.dataset.skipped.count).toBe(1);
  });

  it('resolves embedders first and scores in a second pass when a row has a semantic metric', async () => {
    const data = writeData([...lexicalLines.slice(0, 10), semanticLine, ...lexicalLines.slice(10)]);
    const once = await scoreInOnePass(data, PLAUSIBLE);
    expect(once.reads).toBeGreaterThan(2);
    const twice = await scoreInTwoPasses(data, PLAUSIBLE);
    expect(once.items).toBe(twice.items);
    expect(once.summary).toBe(twice.summary);
    expect(once.result.summary.tasks.find((task) => task.metric === 'sent-transformer')?.status).toBe('unscored');
  });

  it('refuses an invalid row after scoring began, and leaves no items behind', async () => {
    const data = writeData([...lexicalLines, '{"input_field": "x", "output_field": 1, "task_type": "multiple-choice", "metric": "nope"}']);
    const out = join(mkdtempSync(join(tmpdir(), 'shopeval-one-pass-refused-')), 'scores');
    const scored = scoreDatasetFile({
      data,
      predictions: PLAUSIBLE,
      profile: 'kddcup2024',
      out,
      embeddersFor: () => Promise.resolve({ embedders: {}, unavailable: {} }),
    });
    await expect(scored).rejects.toThrow(/metric "nope" is not one of/);
    expect(existsSync(join(out, 'items.jsonl'))).toBe(false);
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
  });

  it('refuses predictions that name no row once the pass is over, naming one of each', async () => {
    const predictions = join(mkdtempSync(join(tmpdir(), 'shopeval-one-pass-preds-')), 'p.jsonl');
    writeFileSync(predictions, '{"id": "elsewhere", "output": "1"}\n');
    const scored = scoreDatasetFile({
      data: writeData(lexicalLines),
      predictions,
      profile: 'kddcup2024',
      embeddersFor: () => Promise.resolve({ embedders: {}, unavailable: {} }),
    });
    await expect(scored).rejects.toThrow(/none of the 1 ids in .*p\.jsonl \(e\.g\. "elsewhere"\) is a row of/);
  });
});
