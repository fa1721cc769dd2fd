import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import { RunInterruptedError } from '../../src/pipeline/run-interrupted-error';
import type { GenerateRequest, GenerateResponse, LanguageModel } from '../../src/providers/provider';
import { devSetRows, fakeRunOptions, readItems, temporaryDirectory } from './run-fixtures';

/** The dev set repeated to `count` rows, each with its own id and prompt. */
function repeatedDevSet(directory: string, count: number): string {
  const rows = devSetRows();
  const lines = Array.from({ length: count }, (_unused, index) => {
    const row = rows[index % rows.length] ?? {};
    return JSON.stringify({ ...row, id: `row-${index}`, input_field: `Item ${index}.\n${String(row['input_field'])}` });
  });
  const path = join(directory, 'rows.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Bytes of the run's unpublished items.jsonl (its temporary file), 0 when there is none yet. */
function unpublishedItemBytes(out: string): number {
  if (!existsSync(out)) return 0;
  return readdirSync(out)
    .filter((name) => name.startsWith('.items.jsonl.') && name.endsWith('.shopeval-tmp'))
    .reduce((sum, name) => sum + statSync(join(out, name)).size, 0);
}

/** A local model that answers every prompt with a long text (items.jsonl grows fast), holding back the prompts `hold` picks. */
function longAnswerModel(hold: (request: GenerateRequest) => Promise<void> | undefined): LanguageModel {
  return {
    description: { provider: 'mock', model: 'long-answers' },
    cacheable: false,
    generate: async (request): Promise<GenerateResponse> => {
      await hold(request);
      return { text: `1 ${'answer '.repeat(400)}`, latencyMs: 1 };
    },
  };
}

async function waitFor(condition: () => boolean, signal: { stop: boolean }): Promise<void> {
  while (!condition() && !signal.stop) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('run: scoring follows the answers', () => {
  test('items are scored and written while the last answer is still outstanding, and the result is complete', async () => {
    const directory = temporaryDirectory('scoring-follows');
    const data = repeatedDevSet(directory, 600);
    const out = join(directory, 'run');
    let bytesBeforeLastAnswer = 0;
    const gaveUp = { stop: false };
    const timer = setTimeout(() => (gaveUp.stop = true), 20_000);
    const model = longAnswerModel((request) =>
      request.prompt.startsWith('Item 599.')
        ? waitFor(() => unpublishedItemBytes(out) > 0, gaveUp).then(() => {
            bytesBeforeLastAnswer = unpublishedItemBytes(out);
          })
        : undefined,
    );
    try {
      const outcome = await runEvaluation({ ...fakeRunOptions(out), data, model, concurrency: 4 });
      expect(bytesBeforeLastAnswer).toBeGreaterThan(0); // scored items reached disk before the last row was answered
      expect(outcome.summary.counts.items).toBe(600);
      const items = readItems(out);
      expect(items.map((item) => item.id)).toEqual(Array.from({ length: 600 }, (_unused, index) => `row-${index}`));
      expect(items.every((item) => item.api_error === undefined)).toBe(true);
    } finally {
      clearTimeout(timer);
    }
  });

  test('an interrupted run publishes no items.jsonl or summary and leaves no temporary file; its answers stay logged', async () => {
    const directory = temporaryDirectory('scoring-stopped');
    const data = repeatedDevSet(directory, 600);
    const out = join(directory, 'run');
    const controller = new AbortController();
    const never = new Promise<void>(() => undefined);
    let answered = 0;
    const model = longAnswerModel(() => (answered >= 400 ? never : undefined));
    const run = runEvaluation({
      ...fakeRunOptions(out),
      data,
      model,
      concurrency: 4,
      signal: controller.signal,
      reporter: (event) => {
        if (event.type !== 'item-end') return;
        answered += 1;
        if (answered === 400) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(RunInterruptedError);
    const names = readdirSync(out);
    expect(names).not.toContain('items.jsonl');
    expect(names).not.toContain('summary.json');
    expect(names.filter((name) => name.endsWith('.shopeval-tmp'))).toEqual([]);
    const logged = readFileSync(join(out, 'responses.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    expect(logged.length).toBeGreaterThanOrEqual(400);
  });
});
