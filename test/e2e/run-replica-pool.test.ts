import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveEmbedders } from '../../src/embeddings/resolve-embedders';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import type { RunManifest } from '../../src/rundir/manifest-file';
import { startFakeOllamaServer } from '../fakes/fake-ollama-server';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import type { RunningFakeServer } from '../fakes/fake-http-server';
import { isolatedCacheEnv, runCliInProcess } from '../helpers/cli';
import { validateDocument } from '../reports/schema-validator';
import { lineCount, waitFor } from '../helpers/wait';
import { DEV_SET, devSetAnswers, fakeRunOptions, readJson, temporaryDirectory } from './run-fixtures';

function poolArgs(servers: readonly RunningFakeServer[], out: string, extra: readonly string[] = []): string[] {
  return [
    'run',
    '--data',
    DEV_SET,
    '--provider',
    'openai-compatible',
    '--model',
    'fake-model',
    ...servers.flatMap((server) => ['--base-url', `${server.url}/v1`]),
    '--out',
    out,
    '--concurrency',
    '2',
    '--embedding-backend',
    'none',
    '--no-cache',
    '--max-attempts',
    '8',
    ...extra,
  ];
}

async function referenceSummary(answer: (prompt: string) => string): Promise<unknown> {
  const reference = await startFakeOpenAIServer({ answer });
  try {
    const outcome = await runEvaluation({
      ...fakeRunOptions(temporaryDirectory('pool-ref'), {
        provider: { provider: 'openai-compatible', model: 'fake-model', baseURL: `${reference.url}/v1`, environment: {} },
      }),
      resolveEmbedders: () => resolveEmbedders({ backend: 'none', metrics: ['sent-transformer'] }),
    });
    return JSON.parse(JSON.stringify(outcome.summary));
  } finally {
    await reference.close();
  }
}

describe('shopeval run with several --base-url (a replica pool)', () => {
  const servers: RunningFakeServer[] = [];
  const environment = { ...process.env };
  beforeAll(() => Object.assign(process.env, isolatedCacheEnv()));
  afterAll(() => {
    process.env = environment;
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('spreads the items over replicas of different speeds, records per-replica figures and scores as one endpoint does', async () => {
    const answer = await devSetAnswers();
    servers.push(await startFakeOpenAIServer({ answer, latencyMs: 2 }), await startFakeOpenAIServer({ answer, latencyMs: 150 }));
    const out = join(temporaryDirectory('pool'), 'run');
    const result = await runCliInProcess(poolArgs(servers, out));
    expect(result.status).toBe(0);
    const manifest = readJson(join(out, 'manifest.json')) as RunManifest;
    expect(manifest.provider.endpoint).toBe(servers.map((server) => `${server.url}/v1`).join(' '));
    const replicas = manifest.replicas ?? [];
    expect(replicas.map((replica) => replica.endpoint)).toEqual(servers.map((server) => `${server.url}/v1`));
    expect(replicas.reduce((sum, replica) => sum + replica.answered, 0)).toBe(96);
    expect(replicas[0]?.answered ?? 0).toBeGreaterThan(replicas[1]?.answered ?? 0);
    for (const replica of replicas) expect(replica.latency_ms.mean).not.toBeNull();
    expect(readJson(join(out, 'summary.json'))).toEqual(await referenceSummary(answer));
    const markdown = await runCliInProcess(['report', out, '--format', 'markdown', '--output', '-', '--resamples', '50']);
    const second = replicas[1];
    expect(markdown.stdout).toContain(
      `| ${servers[1]?.url ?? ''}/v1 | ${second?.requests} | ${second?.answered} | ${second?.errors} | 0 | ${second?.latency_ms.mean?.toFixed(1)} |`,
    );
    const terminal = await runCliInProcess(['report', out]);
    expect(terminal.stdout).toMatch(/Replicas:[\s\S]*Mean latency \(ms\)/);
    const json = await runCliInProcess(['report', out, '--format', 'json', '--output', '-', '--resamples', '50']);
    const document = JSON.parse(json.stdout) as { run: { replicas: unknown } };
    expect(document.run.replicas).toEqual(replicas);
    expect(validateDocument('report', document)).toEqual([]);
    const comparison = await runCliInProcess(['compare', out, out, '--format', 'json', '--output', '-', '--resamples', '50']);
    expect(validateDocument('comparison', JSON.parse(comparison.stdout))).toEqual([]);
    const csv = await runCliInProcess(['report', out, '--format', 'csv', '--output', '-', '--resamples', '50']);
    const replicaLines = csv.stdout.split('\r\n').filter((line) => line.includes(',replica,'));
    expect(replicaLines).toHaveLength(2);
    expect(replicaLines[1]).toContain(`${servers[1]?.url ?? ''}/v1,`);
    expect(replicaLines[1]).toContain(`requests ${second?.requests}, answered ${second?.answered}, errors ${second?.errors}, ejections 0`);
    const html = await runCliInProcess(['report', out, '--format', 'html', '--output', '-', '--resamples', '50']);
    expect(html.stdout).toContain(`<h2>Replicas</h2>`);
    expect(html.stdout).toContain(`<td>${servers[0]?.url ?? ''}/v1</td>`);
  }, 120_000);

  it('loses no item when a replica dies mid-run and comes back, and the summary equals a clean run', async () => {
    const answer = await devSetAnswers();
    const steady = await startFakeOpenAIServer({ answer, latencyMs: 40 });
    const flaky = await startFakeOpenAIServer({ answer, latencyMs: 40 });
    servers.push(steady);
    const out = join(temporaryDirectory('pool-kill'), 'run');
    const running = runCliInProcess(poolArgs([steady, flaky], out));
    await waitFor(() => lineCount(join(out, 'responses.jsonl')) >= 10, 60_000);
    await flaky.close(); // killed: its calls in flight drop, new connections are refused
    await waitFor(() => lineCount(join(out, 'responses.jsonl')) >= 50, 60_000);
    servers.push(await startFakeOpenAIServer({ answer, latencyMs: 40, port: flaky.port })); // back at the same address
    const result = await running;
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`replica ${flaky.url}/v1 failed 3 calls in a row`);
    const manifest = readJson(join(out, 'manifest.json')) as RunManifest;
    expect(manifest.counts?.api_errors).toBe(0);
    expect(manifest.replicas?.[1]?.ejections).toBeGreaterThanOrEqual(1);
    expect(readJson(join(out, 'summary.json'))).toEqual(await referenceSummary(answer));
  }, 120_000);

  it('refuses replicas serving different checkpoints before any item, naming them', async () => {
    const good = await startFakeOpenAIServer({ weightsPath: '/models/lora-r16' });
    const other = await startFakeOpenAIServer({ weightsPath: '/models/lora-r32' });
    servers.push(good, other);
    const out = join(temporaryDirectory('pool-mismatch'), 'run');
    const result = await runCliInProcess(poolArgs([good, other], out));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `the replicas do not serve the same checkpoint: ${other.url}/v1 differs from ${good.url}/v1: root: "/models/lora-r16" vs "/models/lora-r32"`,
    );
    expect(good.log.calls.length + other.log.calls.length).toBe(0);
  }, 60_000);

  it('asks every replica the identity probe items: name-only replicas answering alike share a behavioural identity, one answering otherwise is refused', async () => {
    const answer = await devSetAnswers();
    const one = await startFakeOpenAIServer({ flavour: 'lm-studio', answer });
    const two = await startFakeOpenAIServer({ flavour: 'lm-studio', answer });
    const retrained = await startFakeOpenAIServer({ flavour: 'lm-studio', answer: (prompt) => `${answer(prompt)} (retrained)` });
    servers.push(one, two, retrained);
    const withCache = (list: readonly RunningFakeServer[], out: string): string[] =>
      poolArgs(list, out).filter((flag) => flag !== '--no-cache');
    const directory = temporaryDirectory('pool-behaviour');
    const alike = await runCliInProcess(withCache([one, two], join(directory, 'alike')));
    expect(alike.status).toBe(0);
    expect((readJson(join(directory, 'alike', 'manifest.json')) as RunManifest).identity.strength).toBe('behavioural');
    expect(two.log.calls.length).toBeGreaterThanOrEqual(4); // the probe items, at least
    const calls = one.log.calls.length;
    const mixed = await runCliInProcess(withCache([one, retrained], join(directory, 'mixed')));
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(
      new RegExp(
        `the replicas do not serve the same checkpoint: ${retrained.url}/v1 answers the probe item \\S+ differently from ${one.url}/v1`,
      ),
    );
    expect(one.log.calls.length - calls).toBe(4); // nothing but the probe items was sent
  }, 120_000);

  it('--mc-scoring logprobs over a pool: every replica is checked (an Ollama too old for logprobs is refused by name) and answers', async () => {
    const fresh = await startFakeOllamaServer({ latencyMs: 5 });
    const fresher = await startFakeOllamaServer({ latencyMs: 5 });
    const old = await startFakeOllamaServer({ version: '0.12.3' });
    servers.push(fresh, fresher, old);
    const directory = temporaryDirectory('pool-logprobs');
    const args = (list: readonly RunningFakeServer[], out: string): string[] => [
      'run',
      '--data',
      DEV_SET,
      '--provider',
      'ollama',
      '--model',
      'fake-model',
      ...list.flatMap((server) => ['--base-url', server.url]),
      '--out',
      out,
      '--no-cache',
      '--embedding-backend',
      'none',
      '--mc-scoring',
      'logprobs',
      '--limit',
      '2',
    ];
    const refused = await runCliInProcess(args([fresh, old], join(directory, 'refused')));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/runs Ollama 0\.12\.3, which has no log-probabilities/);
    expect(refused.stderr).toContain(old.url);
    const pooled = await runCliInProcess(args([fresh, fresher], join(directory, 'pooled')));
    expect(pooled.status).toBe(0);
    expect(fresh.log.calls.length).toBeGreaterThan(0);
    expect(fresher.log.calls.length).toBeGreaterThan(0);
  }, 60_000);

  it('takes the replicas from the config file (an array of base URLs) and keeps a single string valid', async () => {
    const good = await startFakeOpenAIServer({ weightsPath: '/models/a' });
    const other = await startFakeOpenAIServer({ weightsPath: '/models/b' });
    servers.push(good, other);
    const directory = temporaryDirectory('pool-config');
    const config = join(directory, 'shopeval.config.json');
    const base = [
      '--data',
      DEV_SET,
      '--provider',
      'openai-compatible',
      '--model',
      'fake-model',
      '--embedding-backend',
      'none',
      '--no-cache',
      '--limit',
      '1',
    ];
    writeFileSync(config, JSON.stringify({ run: { 'base-url': [`${good.url}/v1`, `${other.url}/v1`] } }));
    const pooled = await runCliInProcess(['--config', config, 'run', ...base, '--out', join(directory, 'pooled')]);
    expect(pooled.status).toBe(2);
    expect(pooled.stderr).toContain(`${other.url}/v1 differs from ${good.url}/v1: root: "/models/a" vs "/models/b"`);
    writeFileSync(config, JSON.stringify({ run: { 'base-url': `${good.url}/v1` } }));
    const single = await runCliInProcess(['--config', config, 'run', ...base, '--out', join(directory, 'single')]);
    expect(single.status).toBe(0);
    expect((readJson(join(directory, 'single', 'manifest.json')) as RunManifest).replicas).toBeUndefined();
  }, 60_000);

  it('stops resumably (exit 3) only when no replica is left, printing every --base-url in the resume command', async () => {
    const answer = await devSetAnswers();
    const one = await startFakeOpenAIServer({ answer, latencyMs: 20 });
    const two = await startFakeOpenAIServer({ answer, latencyMs: 20 });
    const out = join(temporaryDirectory('pool-dead'), 'run');
    const running = runCliInProcess(poolArgs([one, two], out, ['--dead-endpoint-after', '1']));
    await waitFor(() => lineCount(join(out, 'responses.jsonl')) >= 20, 60_000);
    await one.close();
    await two.close();
    const result = await running;
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/no replica \(http:\/\/127\.0\.0\.1:\d+\/v1, http:\/\/127\.0\.0\.1:\d+\/v1\) has not answered/);
    const printed = /resume with: (shopeval run .*)$/m.exec(result.stderr)?.[1] ?? '';
    expect(printed).toContain(`--base-url ${one.url}/v1 --base-url ${two.url}/v1`);
    const stopped = (readJson(join(out, 'manifest.json')) as RunManifest).replicas ?? [];
    expect(stopped.map((replica) => replica.ejections)).toEqual([1, 1]); // the stopped invocation's figures are kept

    servers.push(await startFakeOpenAIServer({ answer, port: one.port }), await startFakeOpenAIServer({ answer, port: two.port }));
    const resumed = await runCliInProcess(printed.split(' ').slice(1));
    expect(resumed.status).toBe(0);
    const finished = (readJson(join(out, 'manifest.json')) as RunManifest).replicas ?? [];
    expect(finished.map((replica) => replica.ejections)).toEqual([1, 1]);
    expect(finished.reduce((sum, replica) => sum + replica.answered, 0)).toBeGreaterThanOrEqual(96); // summed over both invocations
    expect(readJson(join(out, 'summary.json'))).toEqual(await referenceSummary(answer));
  }, 120_000);
});
