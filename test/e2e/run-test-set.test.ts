import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDataset } from '../../src/dataset/load-dataset';
import { loadRunDirectory } from '../../src/reports/load/load-run';
import { PredictionIndex } from '../../src/dataset/prediction-index';
import { runDataset, runEvaluation } from '../../src/pipeline/run-evaluation';
import { scorePredictions } from '../../src/pipeline/score-predictions';
import { startFakeOllamaServer } from '../fakes/fake-ollama-server';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import { runCliInProcess } from '../helpers/cli';
import { DEV_SET, devSetAnswers, fakeRunOptions, temporaryDirectory } from './run-fixtures';

const TEST_SET = 'fixtures/datasets/shopbench-dev-test-set.jsonl';

function jsonLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('a test-set run (rows without truths)', () => {
  it('answers every row unscored, and scoring its predictions against the labelled file equals a normal run', async () => {
    const server = await startFakeOpenAIServer({ answer: await devSetAnswers(), latencyMs: 5 });
    try {
      const provider = { provider: 'openai-compatible' as const, model: 'fake-model', baseURL: `${server.url}/v1`, environment: {} };
      const normal = await runEvaluation(fakeRunOptions(temporaryDirectory('labelled'), { provider }));
      const out = temporaryDirectory('test-set');
      const outcome = await runDataset(fakeRunOptions(out, { data: TEST_SET, provider, batchSize: 16 }));
      expect(outcome.kind).toBe('test-set');
      expect(outcome.itemCount).toBe(96);
      expect(outcome.manifest.test_set).toBe(true);
      const submission = jsonLines(join(out, 'submission.jsonl'));
      expect(submission).toHaveLength(96);
      expect(Object.keys(submission[0] ?? {})).toEqual(['id', 'prediction', 'is_multiple_choice']);
      expect(submission.filter((line) => line['is_multiple_choice'] === true)).toHaveLength(52);

      const predictions = await PredictionIndex.open(join(out, 'predictions.jsonl'));
      try {
        const scored = await scorePredictions({ dataset: await openDataset(DEV_SET), predictions, profile: 'kddcup2024' });
        expect(scored.summary.overall).toBe(normal.summary.overall);
        expect(scored.summary.tasks).toEqual(normal.summary.tasks);
        expect(scored.summary.counts.missing_predictions).toBe(0);
        expect(scored.summary.counts.unknown_prediction_ids).toBe(0);
      } finally {
        predictions.close();
      }
      // test rows without task_type: max tokens follow is_multiple_choice
      const sent = server.log.calls.slice(-96).map((call) => call.body['max_tokens']);
      expect(new Set(sent)).toEqual(new Set([16, 256]));
      // a second run in the directory resumes: nothing is asked again, the files are the same
      const resumed = await runDataset(fakeRunOptions(out, { data: TEST_SET, provider, batchSize: 16 }));
      expect(resumed.requested).toBe(0);
      expect(jsonLines(join(out, 'submission.jsonl'))).toEqual(submission);
      // reports have no scores to show: the error says how to get them
      expect(() => loadRunDirectory(out)).toThrow(/answered a test set \(no truths\), so it has no scores to report/);
    } finally {
      await server.close();
    }
  });

  it('counts and lists multiple-choice answers the official parser reads as -1', async () => {
    // "The answer is 2": int("T") fails, so the official parser reads -1; an open-ended answer is never a format problem
    const server = await startFakeOpenAIServer({ answer: () => 'The answer is 2' });
    try {
      const out = temporaryDirectory('format');
      const result = await runCliInProcess([
        'run',
        '--data',
        TEST_SET,
        '--provider',
        'openai-compatible',
        '--model',
        'fake-model',
        '--base-url',
        `${server.url}/v1`,
        '--out',
        out,
        '--no-cache',
      ]);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('UNSCORED');
      expect(result.stdout).not.toMatch(/mean of tracks/); // no table of zeros
      expect(result.stdout).toContain('52 answers the official parser would not read');
      expect(result.stdout).toContain('... and 42 more');
    } finally {
      await server.close();
    }
  });

  it('is refused by score, and a mix of labelled and test rows is refused', async () => {
    await expect(openDataset(TEST_SET)).rejects.toThrow(/no output_field \(a test set\)/);
    const mixed = join(temporaryDirectory('mixed'), 'mixed.jsonl');
    const labelled = readFileSync(DEV_SET, 'utf8').split('\n')[0] ?? '';
    writeFileSync(mixed, `${labelled}\n{"input_field": "q", "is_multiple_choice": true}\n`);
    await expect(openDataset(mixed)).rejects.toThrow(/mixed\.jsonl:2 has no output_field .* but .*mixed\.jsonl:1 has one/);
  });
});

describe('evaluator-style batches and the time budget', () => {
  it('batches through Ollama too: every batch homogeneous and at most the size, timed from a fixed per-request latency', async () => {
    const server = await startFakeOllamaServer({ answer: await devSetAnswers(), latencyMs: 30 });
    try {
      const out = temporaryDirectory('ollama-batches');
      const outcome = await runDataset(
        fakeRunOptions(out, {
          data: TEST_SET,
          provider: { provider: 'ollama', model: 'fake-model', baseURL: server.url, environment: {} },
          batchSize: 4,
          concurrency: 4,
        }),
      );
      const log = jsonLines(join(out, 'responses.jsonl'));
      const multipleChoice = new Map(
        jsonLines(join(out, 'submission.jsonl')).map((line) => [String(line['id']), line['is_multiple_choice']]),
      );
      const batches = new Map<string, { size: number; members: number; wall: number }>();
      for (const entry of log) {
        const batch = entry['batch'] as { first_id: string; size: number; wall_ms: number } | undefined;
        if (batch === undefined) continue; // the identity probe's answers are sent alone
        expect(multipleChoice.get(String(entry['id']))).toBe(multipleChoice.get(batch.first_id));
        const seen = batches.get(batch.first_id) ?? { size: batch.size, members: 0, wall: batch.wall_ms };
        batches.set(batch.first_id, { ...seen, members: seen.members + 1 });
      }
      expect([...batches.values()].every((batch) => batch.size <= 4 && batch.members === batch.size && batch.wall >= 30)).toBe(true);
      expect(outcome.timing.batches?.count).toBe(batches.size);
      expect(outcome.timing.overall.latency_ms?.p50).toBeGreaterThanOrEqual(30);
    } finally {
      await server.close();
    }
  });

  it('times each batch against its limit and exits 1 with --fail-on-budget when one is over', async () => {
    const workspace = temporaryDirectory('budget');
    const data = join(workspace, 'test.jsonl');
    const rows = [true, true, true, false, false, true].map((isMultipleChoice, index) => ({
      input_field: `question ${index}`,
      is_multiple_choice: isMultipleChoice,
    }));
    writeFileSync(data, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
    // batches of 2: [0, 1] [2] [3, 4] [5]; 5 ms per answer but 600 ms for question 1, which --budget-scale 40 makes
    // at least 24 s against 2 x 10 s (the others stay under their limit unless an answer takes over 250 ms)
    const server = await startFakeOpenAIServer({ latencyMs: (call) => (call.prompt === 'question 1' ? 600 : 5) });
    try {
      const out = join(workspace, 'run');
      const args = [
        'run',
        '--data',
        data,
        '--provider',
        'openai-compatible',
        '--model',
        'fake-model',
        '--base-url',
        `${server.url}/v1`,
        '--no-cache',
        '--no-identity-probe',
      ];
      const result = await runCliInProcess([
        ...args,
        '--out',
        out,
        '--batch-size',
        '2',
        '--time-budget',
        'kddcup2024-phase2',
        '--budget-scale',
        '40',
        '--fail-on-budget',
      ]);
      expect(result.stdout).toContain('time budget kddcup2024-phase2: OVER a limit');
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
        timing: { batches: { count: number; over_limit_count: number; over_limit: { first_id: string; size: number }[] } };
        execution: { batch_size: number };
      };
      expect(manifest.execution.batch_size).toBe(2);
      expect(result.stdout).toContain('batches: 1 of 4 over 10 s x batch size');
      expect(manifest.timing.batches.count).toBe(4);
      expect(manifest.timing.batches.over_limit).toEqual([expect.objectContaining({ first_id: expect.stringMatching(/^q-/), size: 2 })]);
      expect(result.stdout).toMatch(/batch from q-\w+ \(2 items\): \d+\.\d\d s \(x 40 = \d+\.\d\d s\) > 20 s/);
      // the fake's schedule bounds the measured latencies from below (the client adds a little on top)
      const tasks = (manifest as unknown as { timing: { tasks: Record<string, { latency_ms: { p50: number; max: number } }> } }).timing
        .tasks;
      expect(tasks['open-ended']?.latency_ms.p50).toBeGreaterThanOrEqual(5);
      expect(tasks['multiple-choice']?.latency_ms.max).toBeGreaterThanOrEqual(600);
      expect(result.status).toBe(1);
      // Phase 1 allowed 15 s per sample: the same answers (resumed, nothing asked again) keep every batch within it
      const phase1 = await runCliInProcess([
        ...args,
        '--out',
        out,
        '--batch-size',
        '2',
        '--time-budget',
        'kddcup2024-phase1',
        '--budget-scale',
        '40',
        '--budget-test-items',
        '10',
        '--fail-on-budget',
      ]);
      expect(phase1.stdout).toContain('batches: 0 of 4 over 15 s x batch size');
      expect(phase1.stdout).toContain('time budget kddcup2024-phase1: within the limits');
      expect(phase1.status).toBe(0);
    } finally {
      await server.close();
    }
  });
});
