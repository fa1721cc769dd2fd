import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../reports/golden';
import { runCliInProcess } from '../helpers/cli';

const RUNS = join(ROOT, 'fixtures', 'runs');
const DEV_SET = join(ROOT, 'fixtures', 'datasets', 'shopbench-dev.jsonl');

describe('report files, compare --format html, and leaderboard selection from the command line', () => {
  let workspace: string;
  const startDirectory = process.cwd();

  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'shopeval-pages-'));
    for (const team of ['team-a', 'team-b']) cpSync(join(RUNS, 'grid', 'r8-concept'), join(workspace, team, 'final'), { recursive: true });
    for (const team of ['team-a', 'team-b']) {
      const manifestFile = join(workspace, team, 'final', 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
      delete manifest['name'];
      writeFileSync(manifestFile, JSON.stringify(manifest));
    }
    process.chdir(workspace);
  });
  afterAll(() => {
    process.chdir(startDirectory);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('refuses to overwrite a report of another run with the same name, unless --force', async () => {
    const first = await runCliInProcess(['report', join(workspace, 'team-a', 'final'), '--format', 'json', '--resamples', '20']);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(`wrote ${join('reports', 'final.json')}`);
    const second = await runCliInProcess(['report', join(workspace, 'team-b', 'final'), '--format', 'json', '--resamples', '20']);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(
      /reports\/final\.json already exists .*not overwritten\n {2}Pass --force to replace it, or --output FILE/,
    );
    const forced = await runCliInProcess([
      'report',
      join(workspace, 'team-b', 'final'),
      '--format',
      'json',
      '--resamples',
      '20',
      '--force',
    ]);
    expect(forced.status).toBe(0);
    expect(JSON.parse(readFileSync(join(workspace, 'reports', 'final.json'), 'utf8')).run.directory).toBe(
      join(workspace, 'team-b', 'final'),
    );
  });

  it('writes one self-contained comparison page with the changed items', async () => {
    const result = await runCliInProcess([
      'compare',
      join(RUNS, 'dev-baseline'),
      join(RUNS, 'dev-candidate'),
      '--format',
      'html',
      '--resamples',
      '50',
    ]);
    expect(result.status).toBe(0);
    const file = join(workspace, 'reports', 'compare-dev-candidate-vs-dev-baseline.html');
    expect(existsSync(file)).toBe(true);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<table id="settings">');
    expect(html).toMatch(/task\d+: \d+ items? changed \(/);
    expect(html).not.toMatch(/<script/);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('tells same-named runs apart by their directories', async () => {
    const result = await runCliInProcess([
      'leaderboard',
      join(workspace, 'team-a', 'final'),
      join(workspace, 'team-b', 'final'),
      '--resamples',
      '20',
      '--format',
      'markdown',
      '--output',
      '-',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`| ${join(workspace, 'team-a', 'final')} |`);
    expect(result.stdout).toContain(`| ${join(workspace, 'team-b', 'final')} |`);
  });

  it('refuses an unknown pivot tag with exit 2, naming the tags that exist', async () => {
    const result = await runCliInProcess(['leaderboard', join(RUNS, 'grid'), '--pivot', 'rows=lora_rnk,cols=mix', '--resamples', '20']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--pivot: no run has the tag lora_rnk; the runs' tags: lora_rank, mix");
  });

  it('skips a stray file among the arguments (an unquoted glob) with a warning', async () => {
    const stray = join(workspace, 'notes.txt');
    writeFileSync(stray, 'not a run');
    const result = await runCliInProcess([
      'leaderboard',
      join(RUNS, 'grid', 'r8-concept'),
      join(RUNS, 'grid', 'r16-concept'),
      stray,
      '--resamples',
      '20',
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`warning: ${stray}: not a run directory (a file), skipped`);
    const alone = await runCliInProcess(['leaderboard', stray]);
    expect(alone.status).toBe(2);
  });

  it('leaves odd runs out with --exclude or --skip-incompatible and says which', async () => {
    const mixed = [join(RUNS, 'grid'), join(workspace, 'limited')];
    const limitedRun = await runCliInProcess([
      'run',
      '--data',
      DEV_SET,
      '--provider',
      'builtin',
      '--model',
      'random',
      '--no-cache',
      '--limit',
      '1',
      '--tracks',
      'track4',
      '--out',
      join(workspace, 'limited'),
    ]);
    expect(limitedRun.status).toBe(0);
    expect(
      JSON.parse(readFileSync(join(workspace, 'limited', 'summary.json'), 'utf8')).tracks.map((track: { track: string }) => track.track),
    ).toEqual(['amazon-kdd-cup-24-multi-lingual-abilities']);
    expect((await runCliInProcess(['leaderboard', ...mixed, '--resamples', '20'])).status).toBe(2);
    const skipped = await runCliInProcess(['leaderboard', ...mixed, '--resamples', '20', '--skip-incompatible']);
    expect(skipped.status).toBe(0);
    expect(skipped.stderr).toMatch(
      /warning: left out by --skip-incompatible: .*limited \(profile kddcup2024, dataset sha256 \w+, \d+ items; the leaderboard's runs have .*96 items\)/,
    );
    const excluded = await runCliInProcess(['leaderboard', ...mixed, '--resamples', '20', '--exclude', 'limited']);
    expect(excluded.status).toBe(0);
    expect(excluded.stderr).toMatch(/warning: left out by --exclude: .*limited/);
  });

  it('lists tracks, not tasks, when --tracks names no track', async () => {
    const result = await runCliInProcess([
      'run',
      '--data',
      DEV_SET,
      '--provider',
      'builtin',
      '--model',
      'random',
      '--no-cache',
      '--tracks',
      'track9',
      '--out',
      join(workspace, 'none'),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /--tracks track9: no such track; the dataset's tracks are track1 \(Track 1 shopping concepts, amazon-kdd-cup-24-understanding-shopping-concepts\); track2/,
    );
  });
});
