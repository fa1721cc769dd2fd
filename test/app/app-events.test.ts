import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app, type AppEvent } from '../../src';
import type { GenerateRequest, LanguageModel } from '../../src/providers/provider';
import { ProviderCallError } from '../../src/providers/provider-call-error';
import { RunInterruptedError } from '../../src/pipeline/run-interrupted-error';
import { REPO_ROOT } from '../helpers/cli';
import { devSetRows, isSemanticRow } from '../e2e/run-fixtures';

const DEV_SET = join(REPO_ROOT, 'fixtures', 'datasets', 'shopbench-dev.jsonl');
// no embedding backend: the semantic tasks are reported unscored, nothing is loaded or fetched
const NO_EMBEDDINGS = { backend: 'none', cacheDirectory: false } as const;
// few resamples: the events are under test here, not the intervals
const QUICK = { resamples: 20 } as const;

function recorder(): { events: AppEvent[]; reporter: (event: AppEvent) => void; kinds: () => string[] } {
  const events: AppEvent[] = [];
  return { events, reporter: (event) => events.push(event), kinds: () => events.map((event) => event.type) };
}

describe('the application layer emits typed events to one reporter', () => {
  let scratch: string;
  beforeAll(() => (scratch = mkdtempSync(join(tmpdir(), 'shopeval-app-'))));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('run: run-start, the checkpoint, the progress of every item, run-end, then the budget verdict; a resume starts from the logged answers', async () => {
    const out = join(scratch, 'lexical');
    const first = recorder();
    const options = {
      data: DEV_SET,
      provider: { provider: 'builtin' as const },
      out,
      embedding: NO_EMBEDDINGS,
      budget: { name: 'kddcup2024-phase2' as const },
    };
    const result = await app.run(options, first.reporter);
    expect(result.failed).toBe(false);
    expect(first.events[0]).toEqual({ type: 'run-start', directory: out });
    const kinds = first.kinds().filter((kind) => kind !== 'notice' && kind !== 'warning');
    expect(kinds).toEqual([
      'run-start',
      'identity-established',
      'progress-start',
      ...Array<string>(96).fill('item-end'),
      'progress-end',
      'run-end',
      'budget-verdict',
    ]);
    expect(first.events.find((event) => event.type === 'progress-start')).toEqual({ type: 'progress-start', total: 96, alreadyDone: 0 });
    // the same two objects for every item: progress costs no allocation per item
    expect(new Set(first.events.filter((event) => event.type === 'item-end')).size).toBe(1);
    const end = first.events.find((event) => event.type === 'run-end');
    expect(end?.type === 'run-end' && end.outcome.kind).toBe('scored');
    expect(end?.type === 'run-end' && end.outcome.directory).toBe(out);

    const again = recorder();
    await app.run(options, again.reporter);
    expect(again.events.find((event) => event.type === 'progress-start')).toEqual({ type: 'progress-start', total: 96, alreadyDone: 96 });
    expect(again.kinds()).not.toContain('item-end');
  });

  it('run: a share of API errors over maxErrorRate is a failed check, with the command that retries them', async () => {
    const out = join(scratch, 'flaky');
    let calls = 0;
    const flaky: LanguageModel = {
      description: { provider: 'test', model: 'flaky' },
      cacheable: false,
      generate: (request: GenerateRequest) => {
        calls += 1;
        // every fifth call fails for good (never the first ones: the circuit breaker would stop the run)
        if (calls % 5 === 0)
          return Promise.reject(new ProviderCallError({ kind: 'http', message: 'boom', status: 500, isRetryable: false }));
        return Promise.resolve({ text: request.prompt.slice(0, 1), latencyMs: 1 });
      },
    };
    const { events, reporter } = recorder();
    const result = await app.run(
      {
        data: DEV_SET,
        provider: { provider: 'builtin' },
        model: flaky,
        out,
        embedding: NO_EMBEDDINGS,
        retry: { maxAttempts: 1 },
        identityProbe: false,
        maxErrorRate: 0.1,
      },
      reporter,
    );
    expect(result.outcome.apiErrors).toBe(19);
    expect(result.failed).toBe(true);
    expect(events.filter((event) => event.type === 'item-end' && event.failed)).toHaveLength(19);
    const check = events.find((event) => event.type === 'check-failed');
    expect(check).toEqual({
      type: 'check-failed',
      check: 'max-error-rate',
      message: `API error rate 19.79% exceeds --max-error-rate 0.1; run again with --out ${out} to retry them`,
    });
  });

  it('run: each retry of an item, then, when a signal stops the run, progress-end and run-stop before the error, no run-end', async () => {
    const out = join(scratch, 'stopped');
    const stop = new AbortController();
    let calls = 0;
    const flaky: LanguageModel = {
      description: { provider: 'test', model: 'flaky' },
      cacheable: false,
      generate: (request: GenerateRequest) => {
        calls += 1;
        if (calls === 20) stop.abort();
        // every third call fails once in a way that may pass: it is asked again
        if (calls % 3 === 0)
          return Promise.reject(new ProviderCallError({ kind: 'http', message: '503 busy', status: 503, isRetryable: true }));
        return Promise.resolve({ text: request.prompt.slice(0, 1), latencyMs: 1 });
      },
    };
    const { events, reporter, kinds } = recorder();
    const options = { data: DEV_SET, provider: { provider: 'builtin' as const }, model: flaky, out, embedding: NO_EMBEDDINGS };
    const error = await app
      .run(
        {
          ...options,
          retry: { maxAttempts: 3, sleep: () => Promise.resolve() },
          identityProbe: false,
          concurrency: 1,
          signal: stop.signal,
        },
        reporter,
      )
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RunInterruptedError);
    const retries = events.filter((event) => event.type === 'retry');
    expect(retries.length).toBeGreaterThan(3);
    expect(retries[0]).toMatchObject({ type: 'retry', attempt: 1, maxAttempts: 3, reason: expect.stringContaining('503 busy') as unknown });
    expect(kinds().slice(-2)).toEqual(['progress-end', 'run-stop']);
    const stopped = events.at(-1);
    expect(stopped).toMatchObject({ type: 'run-stop', reason: 'interrupted', directory: out, total: 96 });
    expect(stopped?.type === 'run-stop' && stopped.message).toBe((error as RunInterruptedError).message);
    expect(kinds()).not.toContain('run-end');
  });

  it('merge, batch export and cache: one event each with what they did', async () => {
    const directory = join(scratch, 'shards');
    const shards = [0, 1].map((index) => join(directory, `shard-${index}`));
    for (const [index, shard] of shards.entries()) {
      const filter = { shard: { index, count: 2 } };
      await app.run({ data: DEV_SET, provider: { provider: 'builtin' }, filter, out: shard, embedding: NO_EMBEDDINGS });
    }
    const merged = recorder();
    const outcome = await app.merge({ directories: shards, out: join(directory, 'merged'), embedding: NO_EMBEDDINGS }, merged.reporter);
    expect(merged.events).toEqual([{ type: 'shards-merged', outcome }]);
    expect(outcome.shards).toBe(2);

    const exported = recorder();
    const requests = join(directory, 'requests.jsonl');
    const batch = await app.batchExport({ data: DEV_SET, model: 'm', filter: { limit: 5 }, out: requests }, exported.reporter);
    expect(exported.events).toEqual([{ type: 'batch-exported', outcome: batch }]);
    // --limit is per task: the file holds exactly the requests the event says
    expect(readFileSync(requests, 'utf8').trimEnd().split('\n')).toHaveLength(batch.manifest.requests);

    const cached = recorder();
    const result = app.cache('stats', join(scratch, 'no-cache-here'), cached.reporter);
    expect(result).toMatchObject({ action: 'stats', report: { lines: 0, liveEntries: 0 } });
    expect(cached.events).toEqual([{ type: 'cache-maintained', directory: join(scratch, 'no-cache-here'), result }]);
  });

  it('report, compare and leaderboard: warnings, the document or the file written, and the gate as a failed check', async () => {
    const random = join(scratch, 'random');
    await app.run({ data: DEV_SET, provider: { provider: 'builtin', model: 'random' }, out: random, embedding: NO_EMBEDDINGS });
    const lexical = join(scratch, 'lexical');

    const report = recorder();
    app.report({ directory: random, ...QUICK }, report.reporter);
    expect(report.kinds()[0]).toBe('document');
    expect(report.kinds()).not.toContain('files-written');

    const compared = recorder();
    const output = join(scratch, 'comparison.json');
    const verdict = app.compare(
      { baseline: lexical, candidate: random, format: 'json', output, failOnRegression: true, ...QUICK },
      compared.reporter,
    );
    expect(verdict.failed).toBe(true);
    expect(compared.kinds().filter((kind) => kind !== 'warning')).toEqual(['files-written', 'gate', 'check-failed']);
    expect(compared.events.find((event) => event.type === 'files-written')).toEqual({ type: 'files-written', paths: [output] });
    expect(compared.events.find((event) => event.type === 'gate')).toMatchObject({ type: 'gate', failed: true });
    expect(compared.events.find((event) => event.type === 'check-failed')).toEqual({ type: 'check-failed', check: 'regression' });

    // on the terminal the document itself ends with the gate's verdict: no separate gate event
    const onTerminal = recorder();
    expect(app.compare({ baseline: lexical, candidate: random, ...QUICK }, onTerminal.reporter).failed).toBe(false);
    expect(onTerminal.kinds().filter((kind) => kind !== 'warning')).toEqual(['document']);

    const board = recorder();
    app.leaderboard({ runs: [lexical, random], ...QUICK }, board.reporter);
    expect(board.kinds().filter((kind) => kind !== 'warning')).toEqual(['document']);
    const text = board.events.find((event) => event.type === 'document');
    expect(text?.type === 'document' && text.text).toMatch(/lexical[\s\S]*random/);
  });

  it('score: the scores, then the files written', async () => {
    const out = join(scratch, 'scored');
    const { kinds, events, reporter } = recorder();
    const result = await app.score(
      {
        data: DEV_SET,
        predictions: join(REPO_ROOT, 'fixtures', 'predictions', 'dev-plausible.jsonl'),
        profile: 'kddcup2024',
        out,
        embedding: NO_EMBEDDINGS,
      },
      reporter,
    );
    expect(kinds().filter((kind) => kind !== 'warning')).toEqual(['scores', 'files-written']);
    expect(events[0]).toEqual({ type: 'scores', summary: result.summary, detailsIn: join(out, 'summary.json') });
    expect(events.at(-1)).toEqual({ type: 'files-written', paths: [`${out}/items.jsonl`, `${out}/summary.json`] });
  });

  it('score of 10,000 rows or more: its progress, one item-end per row, before the scores; a second pass starts it over', async () => {
    const devRows = devSetRows();
    const scoreRepeated = async (name: string, pool: readonly Record<string, unknown>[], count: number): Promise<string[]> => {
      const rows = Array.from({ length: count }, (_unused, index) => ({ ...pool[index % pool.length], id: `${name}-${index}` }));
      const data = join(scratch, `${name}.jsonl`);
      const predictions = join(scratch, `${name}-predictions.jsonl`);
      writeFileSync(data, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
      writeFileSync(predictions, rows.map((row) => JSON.stringify({ id: row.id, output: '1' })).join('\n') + '\n');
      const { kinds, reporter } = recorder();
      await app.score({ data, predictions, profile: 'kddcup2024', out: join(scratch, `${name}-out`), embedding: NO_EMBEDDINGS }, reporter);
      return kinds().filter((kind) => kind !== 'warning');
    };
    const lastProgress = (kinds: readonly string[]): string[] => kinds.slice(kinds.lastIndexOf('progress-start'));
    const rows = 10_000;
    const once = await scoreRepeated(
      'lexical-only',
      devRows.filter((row) => !isSemanticRow(row)),
      rows,
    );
    expect(once).toEqual(['progress-start', ...Array<string>(rows).fill('item-end'), 'progress-end', 'scores', 'files-written']);
    // semantic rows are scored in a second pass, after the first one validated the file: its progress is the one that ends
    const twice = await scoreRepeated(
      'with-semantic',
      [...devRows.filter((row) => !isSemanticRow(row)), ...devRows.filter(isSemanticRow)],
      rows,
    );
    expect(lastProgress(twice)).toEqual([
      'progress-start',
      ...Array<string>(rows).fill('item-end'),
      'progress-end',
      'scores',
      'files-written',
    ]);
    expect(twice.filter((kind) => kind === 'progress-end')).toHaveLength(1);
    // a short score prints only its results (the dev set, above, has no progress events either)
    expect(await scoreRepeated('short', devRows, 9_999)).toEqual(['scores', 'files-written']);
  }, 60_000);

  it('embed: without a backend, one notice saying why and nothing embedded', async () => {
    const { events, reporter } = recorder();
    const result = await app.embed({ metric: 'sent-transformer', sentences: ['a'], embedding: NO_EMBEDDINGS }, reporter);
    expect(result.embedded).toBe(false);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'notice', message: expect.stringMatching(/^sent-transformer: /) as unknown });
  });
});
