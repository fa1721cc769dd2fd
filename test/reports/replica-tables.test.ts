import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplicaFigures } from '../../src/providers/pool/replica-figures';
import { runCliInProcess } from '../helpers/cli';
import { temporaryDirectory } from '../e2e/run-fixtures';

const REPLICAS: ReplicaFigures[] = [
  { endpoint: 'http://10.0.0.1:8000/v1', requests: 61, answered: 60, errors: 1, ejections: 0, latency_ms: { mean: 104.25, max: 180.5 } },
  { endpoint: 'http://10.0.0.2:8000/v1', requests: 37, answered: 36, errors: 1, ejections: 1, latency_ms: { mean: null, max: null } },
];

/** The fixture runs in a temporary directory, the candidate answered by a two-replica pool. */
function pooledRuns(): { baseline: string; candidate: string } {
  const directory = temporaryDirectory('replica-tables');
  const baseline = join(directory, 'dev-baseline');
  const candidate = join(directory, 'dev-candidate');
  cpSync('fixtures/runs/dev-baseline', baseline, { recursive: true });
  cpSync('fixtures/runs/dev-candidate', candidate, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(candidate, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(candidate, 'manifest.json'), JSON.stringify({ ...manifest, replicas: REPLICAS }, null, 2));
  return { baseline, candidate };
}

const output = async (argv: readonly string[]): Promise<string> => {
  const result = await runCliInProcess([...argv, '--resamples', '50']);
  expect(result.stderr).not.toMatch(/unexpected error/);
  expect(result.status).toBe(0);
  return result.stdout;
};

describe('compare and leaderboard show the per-replica figures of a pooled run, as report does', () => {
  const { baseline, candidate } = pooledRuns();
  const firstRow = ['http://10.0.0.1:8000/v1', '61', '60', '1', '0', '104.3', '180.5'];
  const secondRow = ['http://10.0.0.2:8000/v1', '37', '36', '1', '1', 'n/a', 'n/a'];

  it('compare: a replica table in terminal, Markdown and HTML, the figures in JSON; none when no run used a pool', async () => {
    const terminal = await output(['compare', baseline, candidate]);
    expect(terminal).toMatch(/Replicas:\n[^\n]*\n.*Run.*Replica.*Requests.*Answered.*Errors.*Ejections.*Mean latency \(ms\)/);
    expect(terminal).toMatch(
      new RegExp(`candidate dev-candidate\\s*│\\s*${firstRow.map((cell) => cell.replace(/\./g, '\\.')).join('\\s*│\\s*')}`),
    );
    expect(terminal).not.toMatch(/baseline dev-baseline\s*│\s*http/); // the baseline had one endpoint
    const markdown = await output(['compare', baseline, candidate, '--format', 'markdown', '--output', '-']);
    expect(markdown).toContain('### Replicas');
    expect(markdown).toContain(`| candidate dev-candidate | ${secondRow.join(' | ')} |`);
    const html = await output(['compare', baseline, candidate, '--format', 'html', '--output', '-']);
    expect(html).toContain('<h2>Replicas</h2>');
    expect(html).toContain(`<td>candidate dev-candidate</td><td>http://10.0.0.1:8000/v1</td><td class="num">61</td>`);
    const json = JSON.parse(await output(['compare', baseline, candidate, '--format', 'json', '--output', '-'])) as {
      baseline: { replicas?: unknown };
      candidate: { replicas?: unknown };
    };
    expect(json.candidate.replicas).toEqual(REPLICAS);
    expect(json.baseline.replicas).toBeUndefined();

    const unpooled = await output(['compare', baseline, baseline]);
    expect(unpooled).not.toContain('Replicas');
    expect(await output(['compare', baseline, baseline, '--format', 'html', '--output', '-'])).not.toContain('<h2>Replicas</h2>');
  }, 60_000);

  it('leaderboard: a replica table in terminal, Markdown and HTML, a replicas column in CSV, the figures in JSON', async () => {
    const terminal = await output(['leaderboard', baseline, candidate]);
    expect(terminal).toMatch(/Replicas:\n[^\n]*\n.*Run.*Replica.*Requests/);
    expect(terminal).toMatch(new RegExp(`dev-candidate\\s*│\\s*${secondRow.map((cell) => cell.replace(/\./g, '\\.')).join('\\s*│\\s*')}`));
    const markdown = await output(['leaderboard', baseline, candidate, '--format', 'markdown', '--output', '-']);
    expect(markdown).toContain(`### Replicas`);
    expect(markdown).toContain(`| dev-candidate | ${firstRow.join(' | ')} |`);
    const html = await output(['leaderboard', baseline, candidate, '--format', 'html', '--output', '-']);
    expect(html).toContain('<h2>Replicas</h2>');
    expect(html).toContain(`<td>dev-candidate</td><td>http://10.0.0.2:8000/v1</td><td class="num">37</td>`);
    const csv = (await output(['leaderboard', baseline, candidate, '--format', 'csv', '--output', '-'])).split('\r\n');
    const head = csv[0]?.split(',') ?? [];
    expect(head[head.length - 1]).toBe('replicas');
    const candidateLine = csv.find((line) => line.includes('dev-candidate')) ?? '';
    expect(candidateLine).toContain(
      'http://10.0.0.1:8000/v1: requests 61, answered 60, errors 1, ejections 0, latency mean 104.25 ms, max 180.5 ms; http://10.0.0.2:8000/v1: requests 37, answered 36, errors 1, ejections 1, latency mean n/a, max n/a',
    );
    const json = JSON.parse(await output(['leaderboard', baseline, candidate, '--format', 'json', '--output', '-'])) as {
      entries: { label: string; run: { replicas?: unknown } }[];
    };
    expect(json.entries.find((entry) => entry.label === 'dev-candidate')?.run.replicas).toEqual(REPLICAS);

    const unpooled = await output(['leaderboard', baseline, '--format', 'csv', '--output', '-']);
    expect(unpooled.split('\r\n')[0]).not.toContain('replicas');
    expect(await output(['leaderboard', baseline])).not.toContain('Replicas');
  }, 60_000);
});
