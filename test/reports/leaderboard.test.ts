import { join } from 'node:path';
import { buildLeaderboard } from '../../src/reports/documents/build-leaderboard';
import { expandRunPaths } from '../../src/reports/load/expand-run-paths';
import { REPORTERS } from '../../src/reports/render/reporters';
import { expectGolden, fixtureRun, ROOT } from './golden';
import { validateDocument } from './schema-validator';
import type { ShopevalError } from '../../src/errors';
import type { LoadedRun } from '../../src/reports/load/load-run';

const GRID = ['r8-concept', 'r8-concept+reasoning', 'r16-concept', 'r16-concept+reasoning', 'r32-concept', 'r32-concept+reasoning'];

describe('leaderboard', () => {
  const runs = GRID.map((name) => fixtureRun(`grid/${name}`));
  const board = buildLeaderboard(runs, { resamples: 500, pivot: { rowsTag: 'lora_rank', colsTag: 'mix' } });

  it('ranks by overall with intervals, and pivots by two tags (golden Markdown and JSON)', () => {
    expectGolden('leaderboard-grid.md', REPORTERS.markdown.leaderboard(board));
    expectGolden('leaderboard-grid.json', REPORTERS.json.leaderboard(board));
    expect(validateDocument('leaderboard', board)).toEqual([]);
    const scores = board.entries.map((entry) => entry.value.score ?? 0);
    expect([...scores].sort((left, right) => right - left)).toEqual(scores);
    expect(board.pivot?.row_values).toEqual(['8', '16', '32']);
    expect(board.pivot?.col_values).toEqual(['concept', 'concept+reasoning']);
    expect(board.pivot?.cells[2]?.[1]?.runs).toEqual(['r32-concept+reasoning']);
  });

  it('sorts by a track (short or full name) or a task, and rejects unknown keys', () => {
    const byTrack = buildLeaderboard(runs, { resamples: 50, sortBy: 'shopping-knowledge-reasoning' });
    expect(byTrack.sort_by).toBe('amazon-kdd-cup-24-shopping-knowledge-reasoning');
    const byTask = buildLeaderboard(runs, { resamples: 50, sortBy: 'task11' });
    expect(byTask.entries[0]?.value.score).toBe(
      Math.max(...runs.map((run) => run.summary.tasks.find((task) => task.task_name === 'task11')?.score ?? 0)),
    );
    expect(() => buildLeaderboard(runs, { resamples: 10, sortBy: 'task99' })).toThrow(
      /neither "overall", a latency or token figure, a track nor a task/,
    );
  });

  it('ranks by a latency figure lowest first (a throughput highest first), pivots on it, and plots quality against latency', () => {
    const byLatency = buildLeaderboard(runs, { resamples: 20, sortBy: 'latency-p50', pivot: { rowsTag: 'lora_rank', colsTag: 'mix' } });
    const latencies = byLatency.entries.map((entry) => entry.value.score ?? Number.NaN);
    expect(latencies).toEqual(
      runs.map((run) => run.manifest.timing?.overall.latency_ms?.p50 ?? Number.NaN).sort((left, right) => left - right),
    );
    expect(byLatency.entries[0]?.timing?.latency_p50_ms).toBe(latencies[0]);
    expect(byLatency.pivot?.cells[0]?.[0]?.score).toBe(fixtureRun('grid/r8-concept').manifest.timing?.overall.latency_ms?.p50);
    const byThroughput = buildLeaderboard(runs, { resamples: 20, sortBy: 'tokens-per-second' });
    const rates = byThroughput.entries.map((entry) => entry.value.score ?? 0);
    expect([...rates].sort((left, right) => right - left)).toEqual(rates);
    expect(REPORTERS.html.leaderboard(byLatency)).toContain('<h2>Quality vs latency</h2>');
    expect(validateDocument('leaderboard', byLatency)).toEqual([]);
  });

  it('refuses to mix runs of different profiles or datasets', () => {
    const odd = fixtureRun('dev-oracle');
    const other = { ...odd, summary: { ...odd.summary, dataset: { ...odd.summary.dataset, sha256: 'abc' } } };
    expect(() => buildLeaderboard([...runs, other], { resamples: 10 })).toThrow(
      /not comparable.*odd runs: dev-oracle .*dataset sha256 abc, 96 items: dev-oracle/,
    );
  });

  it('refuses runs of the same dataset over different item sets (a --limit run), naming the odd run', () => {
    const full = fixtureRun('dev-oracle');
    const limited = { ...full, name: 'limited', items: full.items.filter((_, index) => index % 10 === 0) };
    expect(() => buildLeaderboard([...runs, limited], { resamples: 10 })).toThrow(
      /odd runs: limited \(.*dataset sha256 70eb666c8c49, 10 items: limited/,
    );
  });

  it('marks a partial run (API errors) and warns that its score may be inflated and is not final', () => {
    const withErrors = buildLeaderboard([fixtureRun('dev-baseline'), fixtureRun('dev-oracle')], { resamples: 10 });
    const entry = withErrors.entries.find((candidate) => candidate.run.name === 'dev-baseline');
    const errors = entry?.api_errors ?? 0;
    expect(errors).toBeGreaterThan(0);
    expect(entry).toMatchObject({ complete: false, answered: 96 - errors });
    expect(withErrors.warnings).toContain(
      `dev-baseline: PARTIAL RUN, ${96 - errors} of 96 items answered; ${errors} API errors left out of its scores, which may be inflated and are not final (marked !)`,
    );
    const terminal = REPORTERS.terminal.leaderboard(withErrors);
    expect(terminal).toMatch(/dev-baseline .* 0\.\d{4} ! partial /);
    expect(terminal).not.toMatch(/dev-oracle .* ! /);
    expect(REPORTERS.html.leaderboard(withErrors)).toMatch(/<td>0\.\d{4} ! partial<\/td>/);
    expect(REPORTERS.csv.leaderboard(withErrors)).toMatch(/dev-baseline,.*,3,false,93,,463\.6,693\.4,212,5\.154\r\n/);
    expect(validateDocument('leaderboard', withErrors)).toEqual([]);
  });

  it('marks runs whose scored tasks or embedders differ from the others, naming the difference', () => {
    const oracle = fixtureRun('dev-oracle');
    const semantic = (run: typeof oracle, name: string, official: boolean) => ({
      ...run,
      name,
      summary: {
        ...run.summary,
        tasks: run.summary.tasks.map((task) =>
          task.metric === 'sent-transformer'
            ? { ...task, status: 'scored' as const, score: 0.5, n_scored: task.n, embedder: { name: `local:${name}`, official } }
            : task,
        ),
      },
    });
    const unscored = { ...oracle, name: 'unscored' };
    const official = semantic(oracle, 'official', true);
    const other = semantic(oracle, 'other', false);
    const board = buildLeaderboard([official, { ...official, name: 'official-2' }, other, unscored], { resamples: 10 });
    const differs = Object.fromEntries(board.entries.map((entry) => [entry.run.name, entry.scoring_differs]));
    expect(differs['official']).toEqual([]);
    expect(differs['other']).toEqual(['scores task1 with local:other (NOT official), the others with local:official (official)']);
    expect(differs['unscored']).toEqual(['leaves task1 unscored']);
    expect(board.warnings).toContainEqual(
      expect.stringMatching(/^other: scored differently from the other runs \(.*\): its scores are not comparable \(marked \*\)$/),
    );
    expect(REPORTERS.terminal.leaderboard(board)).toMatch(/\* = scored tasks or embedders differ/);
    expect(REPORTERS.markdown.leaderboard(board)).toMatch(/\| other \|.*\d \* \|/);
  });

  it('expands globs and parent directories into run directories', () => {
    const viaGlob = expandRunPaths([join(ROOT, 'fixtures/runs/grid/r*-concept')]);
    expect(viaGlob.map((path) => path.split('/').pop())).toEqual(['r16-concept', 'r32-concept', 'r8-concept']);
    expect(expandRunPaths([join(ROOT, 'fixtures/runs/grid')])).toHaveLength(6);
    expect(expandRunPaths([join(ROOT, 'fixtures/runs/**/r8-*')])).toHaveLength(2);
    expect(() => expandRunPaths([join(ROOT, 'fixtures/runs/nothing-*')])).toThrow(/no finished run directories/);
  });

  it('renders terminal, CSV and HTML without losing runs', () => {
    expect(REPORTERS.terminal.leaderboard(board)).toContain('lora_rank \\ mix');
    expect(
      REPORTERS.csv
        .leaderboard(board)
        .split('\r\n')
        .filter((line) => line !== ''),
    ).toHaveLength(7);
    const html = REPORTERS.html.leaderboard(board);
    expect(html).toContain('<polyline');
    expect(html).not.toMatch(/<script/);
  });

  it('refuses an unknown pivot tag, or two tags no run has together, naming the tags that exist (exit 2)', () => {
    expect(() => buildLeaderboard(runs, { resamples: 10, pivot: { rowsTag: 'lora_rnk', colsTag: 'mix' } })).toThrow(
      /--pivot: no run has the tag lora_rnk; the runs' tags: lora_rank, mix/,
    );
    const split = runs.map((run, index) => ({ ...run, manifest: { ...run.manifest, tags: index % 2 === 0 ? { a: '1' } : { b: '2' } } }));
    expect(() => buildLeaderboard(split, { resamples: 10, pivot: { rowsTag: 'a', colsTag: 'b' } })).toThrow(
      /no run has both tags a and b, so the table would be empty; the runs' tags: a, b/,
    );
  });

  it('refuses a pivot cell that would average several runs unless asked, and then marks it in every format', () => {
    const sameRank = runs.map((run) => ({ ...run, manifest: { ...run.manifest, tags: { ...run.manifest.tags, lora_rank: 'any' } } }));
    const pivot = { rowsTag: 'lora_rank', colsTag: 'mix' };
    expect(() => buildLeaderboard(sameRank, { resamples: 10, pivot })).toThrow(
      /several runs share a cell.*lora_rank=any, mix=concept: r8-concept, r16-concept, r32-concept/,
    );
    const averaged = buildLeaderboard(sameRank, { resamples: 10, pivot, pivotMeans: true });
    expect(averaged.pivot?.cells[0]?.[0]?.runs).toHaveLength(3);
    expect(averaged.warnings.join('\n')).toMatch(/cells holding the mean of several runs/);
    for (const format of ['terminal', 'markdown', 'html'] as const)
      expect(REPORTERS[format].leaderboard(averaged)).toContain('(mean of 3)');
  });

  it('never shows two runs under one label: same-named runs are told apart by their directories', () => {
    const [first, second] = [runs[0], runs[1]].map((run, index) => ({
      ...(run ?? runs[0]),
      name: 'final',
      directory: `team-${index}/final`,
    })) as [LoadedRun, LoadedRun];
    const named = buildLeaderboard([first, second], { resamples: 10 });
    expect(named.entries.map((entry) => entry.label).sort()).toEqual(['team-0/final', 'team-1/final']);
    expect(validateDocument('leaderboard', named)).toEqual([]);
    const twins = buildLeaderboard([first, { ...second, directory: 'team-0/final/' }], { resamples: 10 });
    expect(new Set(twins.entries.map((entry) => entry.label)).size).toBe(2);
  });

  it('leaves runs out with --exclude or --skip-incompatible, saying which and why', () => {
    const full = fixtureRun('dev-oracle');
    const limited = { ...full, name: 'limited', directory: 'runs/limited', items: full.items.filter((_, index) => index % 10 === 0) };
    const excluded = buildLeaderboard([...runs, limited], { resamples: 10, exclude: ['limited'] });
    expect(excluded.entries).toHaveLength(runs.length);
    expect(excluded.warnings).toContain('left out by --exclude: runs/limited');
    const skipped = buildLeaderboard([...runs, limited], { resamples: 10, skipIncompatible: true });
    expect(skipped.entries).toHaveLength(runs.length);
    expect(skipped.warnings.join('\n')).toMatch(
      /left out by --skip-incompatible: runs\/limited \(profile kddcup2024, dataset sha256 70eb666c8c49, 10 items; the leaderboard's runs have .*96 items\)/,
    );
    expect(() => buildLeaderboard(runs, { resamples: 10, exclude: ['no-such-run'] })).toThrow(
      /--exclude no-such-run: no run of the leaderboard/,
    );
    expect(buildLeaderboard(runs, { resamples: 10, exclude: ['r8-*'] }).entries).toHaveLength(4);
  });

  it('names a track by its alias, display name or id, and lists tracks when a key is unknown', () => {
    const keys = [
      'track2',
      'Track 2 knowledge reasoning',
      'amazon-kdd-cup-24-shopping-knowledge-reasoning',
      'shopping-knowledge-reasoning',
    ];
    for (const key of keys)
      expect(buildLeaderboard(runs, { resamples: 10, sortBy: key }).sort_by).toBe('amazon-kdd-cup-24-shopping-knowledge-reasoning');
    expect(() => buildLeaderboard(runs, { resamples: 10, sortBy: 'track9' })).toThrow(/neither/);
    try {
      buildLeaderboard(runs, { resamples: 10, sortBy: 'track9' });
    } catch (error) {
      expect((error as ShopevalError).hint).toMatch(
        /tracks: track1 \(Track 1 shopping concepts, amazon-kdd-cup-24-understanding-shopping-concepts\); track2/,
      );
    }
  });
});
