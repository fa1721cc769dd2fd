import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import { repeatSeed } from '../../src/prompting/repeat-seed';
import type { ItemRecord, RunSummary } from '../../src/scoring/records';
import { startFakeOllamaServer } from '../fakes/fake-ollama-server';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import type { GenerationCall, RunningFakeServer } from '../fakes/fake-http-server';
import { runCliInProcess } from '../helpers/cli';
import { DEV_SET, fakeRunOptions, openAiDevSetRunArgv, temporaryDirectory } from './run-fixtures';

const readItems = (out: string): ItemRecord[] =>
  readFileSync(join(out, 'items.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ItemRecord);
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const MC_QUESTION = 'Which of the following product categories may have the attribute eu spare part availability duration?';

/** A sampling model: the seed picks the answer (0-3), as a server sampling at temperature > 0 with that seed would. */
function seededAnswer(_prompt: string, call: GenerationCall): string {
  const options = call.body['options'] as { seed?: unknown } | undefined;
  const seed = Number(call.body['seed'] ?? options?.seed ?? 0);
  return String(seed % 4);
}

describe('shopeval run: prompt templates, few-shot and repeats against fake servers', () => {
  let server: RunningFakeServer;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ answer: seededAnswer });
  });
  afterAll(() => server.close());
  const provider = { provider: 'openai-compatible' as const, model: 'fake-model', baseURL: '', environment: {} };
  const withServer = (): typeof provider => ({ ...provider, baseURL: `${server.url}/v1` });

  it('sends a chat template with few-shot examples as chat turns, and records template, source and example ids', async () => {
    const out = temporaryDirectory('tpl');
    const before = server.log.calls.length;
    await runEvaluation(
      fakeRunOptions(out, {
        provider: withServer(),
        filter: { tasks: ['task2'] },
        identityProbe: false,
        prompt: { temperature: 0, templateFile: 'fixtures/prompts/chat-template.json', fewShot: { k: 2, source: DEV_SET, asTurns: true } },
      }),
    );
    const calls = server.log.calls.slice(before);
    expect(calls).toHaveLength(4);
    const call = calls.find((candidate) => JSON.stringify(candidate.body['messages']).includes(MC_QUESTION.replace('?', '?\\n')));
    const messages = call?.body['messages'] as { role: string; content: string }[];
    expect(messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    expect(messages[0]?.content).toBe(
      'You answer multiple-choice questions about online shopping (amazon-kdd-cup-24-understanding-shopping-concepts).',
    );
    expect(messages[7]?.content).toMatch(/^Question \(task2\):\nWhich of the following/);
    expect(messages[4]?.content).toMatch(/^[0-3]$/); // an example's answer, from its truth
    const manifest = readJson<{
      prompt: { template: { source: string; text: string }; few_shot: { k: number; sha256: string; as_turns: boolean; seed: number } };
    }>(join(out, 'manifest.json'));
    expect(manifest.prompt.template.text).toBe(readFileSync('fixtures/prompts/chat-template.json', 'utf8'));
    expect(manifest.prompt.few_shot).toMatchObject({ k: 2, as_turns: true, seed: 1234 });
    const items = readItems(out);
    expect(items.every((item) => item.few_shot?.length === 2 && !item.few_shot.includes(item.id))).toBe(true);
  });

  it('a changed template is a different cache key and cannot resume the run', async () => {
    const cache = { directory: temporaryDirectory('tpl-cache'), cacheOnly: false };
    const options = { provider: withServer(), filter: { tasks: ['task2'] }, identityProbe: false, cache, checkpointId: 'pinned' };
    const out = temporaryDirectory('tpl-resume');
    await runEvaluation(fakeRunOptions(out, { ...options, prompt: { temperature: 0, templatePreset: 'plain' } }));
    const before = server.log.calls.length;
    await expect(
      runEvaluation(fakeRunOptions(out, { ...options, prompt: { temperature: 0, templatePreset: 'answer-only' } })),
    ).rejects.toThrow(/prompt\.template/);
    const other = await runEvaluation(
      fakeRunOptions(temporaryDirectory('tpl-2'), { ...options, prompt: { temperature: 0, templatePreset: 'answer-only' } }),
    );
    expect(server.log.calls.length - before).toBe(4);
    expect(other.cache).toEqual({ hits: 0, misses: 4 });
  });

  it('repeats: a seed per repeat, different answers across repeats, identical reruns from the cache, exact resume', async () => {
    const cache = { directory: temporaryDirectory('rep-cache'), cacheOnly: false };
    const options = {
      provider: withServer(),
      filter: { tasks: ['task2', 'task4'] },
      cache,
      checkpointId: 'pinned',
      prompt: { temperature: 0.7, seed: 11, repeats: 3 },
    };
    const out = temporaryDirectory('rep');
    const before = server.log.calls.length;
    const first = await runEvaluation(fakeRunOptions(out, options));
    expect(server.log.calls.length - before).toBe(12 * 3);
    const seeds = new Set(server.log.calls.slice(before).map((call) => call.body['seed']));
    expect(seeds.size).toBe(3);
    expect(seeds.has(11)).toBe(true);
    const items = readItems(out);
    expect(items).toHaveLength(36);
    expect(items.slice(0, 3).map((item) => [item.id === items[0]?.id, item.repeat])).toEqual([
      [true, 0],
      [true, 1],
      [true, 2],
    ]);
    const summary: RunSummary = first.summary;
    expect(summary.repeats?.count).toBe(3);
    const task2 = summary.repeats?.tasks.find((task) => task.task_name === 'task2');
    expect(task2?.scores).toHaveLength(3);
    expect(task2?.agreement).toBe(0); // each repeat's seed gives another label
    const mean = (task2?.scores ?? []).reduce<number>((sum, score) => sum + (score ?? 0), 0) / 3;
    expect(summary.tasks.find((task) => task.task_name === 'task2')?.score).toBeCloseTo(mean, 12);
    expect(first.manifest.counts).toMatchObject({ items: 36 });

    // a rerun elsewhere with the same seeds: every answer from the cache, the same figures
    const callsBefore = server.log.calls.length;
    const rerun = await runEvaluation(fakeRunOptions(temporaryDirectory('rep2'), options));
    expect(server.log.calls.length).toBe(callsBefore);
    expect(rerun.cache).toEqual({ hits: 36, misses: 0 });
    expect(rerun.summary).toEqual(first.summary);

    // resume: the repeats whose lines were lost are asked again, nothing else
    const log = join(out, 'responses.jsonl');
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    writeFileSync(log, lines.slice(0, 30).join('\n') + '\n');
    const { cache: _cache, ...uncached } = options; // the log alone must bring the run back
    const resumed = await runEvaluation(fakeRunOptions(out, uncached));
    expect(resumed.requested).toBe(6);
    expect(resumed.summary).toEqual(first.summary);
  });

  it('completions has no roles: the few-shot turns come as text, each message followed by a blank line', async () => {
    const before = server.log.calls.length;
    await runEvaluation(
      fakeRunOptions(temporaryDirectory('completions'), {
        provider: { ...withServer(), api: 'completions' },
        filter: { tasks: ['task2'], limit: 1 },
        identityProbe: false,
        prompt: { temperature: 0, fewShot: { k: 1, source: DEV_SET, asTurns: true } },
      }),
    );
    const prompt = String(server.log.calls[before]?.body['prompt']);
    expect(prompt).toMatch(
      /^[^]*\nAnswer: \n\n[0-3]\n\nWhich of the following product categories may have the attribute eu spare part availability duration\?/,
    );
  });

  it('logprobs multiple choice with few-shot and repeats: each repeat its own label choice, logged per (row, repeat)', async () => {
    const out = temporaryDirectory('mc-repeats');
    await runEvaluation(
      fakeRunOptions(out, {
        provider: withServer(),
        filter: { tasks: ['task2'] },
        identityProbe: false,
        prompt: { temperature: 0.5, repeats: 2, mcScoring: 'logprobs', fewShot: { k: 1, source: DEV_SET } },
      }),
    );
    const log = readFileSync(join(out, 'responses.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; repeat: number; mc?: { chosen: string | null } });
    expect(log).toHaveLength(8);
    expect(new Set(log.map((entry) => `${entry.id}/${entry.repeat}`)).size).toBe(8);
    // the fake's one alternative is its answer, the request's seed % 4: each repeat chooses the label of its own seed
    for (const entry of log) expect(entry.mc?.chosen).toBe(String(repeatSeed(0, entry.repeat) % 4));
    expect(readItems(out).every((item) => item.few_shot?.length === 1 && item.repeat !== undefined)).toBe(true);
  });

  it('ollama chat gets the few-shot turns as messages and each repeat its seed in options', async () => {
    const ollama = await startFakeOllamaServer({ answer: seededAnswer });
    try {
      const out = temporaryDirectory('ollama');
      await runEvaluation(
        fakeRunOptions(out, {
          provider: { provider: 'ollama', model: 'fake-model', baseURL: ollama.url, environment: {} },
          filter: { tasks: ['task2'], limit: 1 },
          identityProbe: false,
          prompt: { temperature: 0.5, repeats: 2, fewShot: { k: 1, source: DEV_SET, asTurns: true } },
        }),
      );
      const chats = ollama.log.calls.filter((call) => call.path === '/api/chat');
      expect(chats.map((call) => (call.body['options'] as { seed: number }).seed)).toHaveLength(2);
      expect(new Set(chats.map((call) => (call.body['options'] as { seed: number }).seed)).size).toBe(2);
      expect((chats[0]?.body['messages'] as { role: string }[]).map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    } finally {
      await ollama.close();
    }
  });

  it('the CLI: flags, the short-task warning, and compare over repeats averages each row', async () => {
    const base = temporaryDirectory('cli');
    const args = [...openAiDevSetRunArgv('fake-model', `${server.url}/v1`), '--no-cache', '--tasks', 'task13', '--temperature', '0.7'];
    const first = await runCliInProcess([
      ...args,
      '--out',
      join(base, 'a'),
      '--repeats',
      '3',
      '--few-shot',
      '3',
      '--few-shot-source',
      DEV_SET,
      '--prompt-preset',
      'answer-only',
    ]);
    expect(first.stderr).toMatch(/--few-shot 3: .*task13 \(2\)/);
    expect(first.stderr).toMatch(/3 repeats: the scores above are means over repeats; overall per repeat \S+ \S+ \S+, spread/);
    expect(first.status ?? 0).toBe(0);
    const second = await runCliInProcess([...args, '--out', join(base, 'b'), '--repeats', '2', '--seed', '5']);
    expect(second.status ?? 0).toBe(0);
    const compared = await runCliInProcess(['compare', join(base, 'a'), join(base, 'b'), '--format', 'json', '--output', '-']);
    const document = JSON.parse(compared.stdout) as { tasks: { name: string; n: number; baseline: number; candidate: number }[] };
    const task13 = document.tasks.find((task) => task.name === 'task13');
    expect(task13?.n).toBe(3); // rows, not rows × repeats
    const summaryA = readJson<RunSummary>(join(base, 'a', 'summary.json'));
    expect(task13?.baseline).toBeCloseTo(summaryA.tasks[0]?.score ?? Number.NaN, 12);
    const report = await runCliInProcess(['report', join(base, 'a'), '--format', 'markdown', '--output', '-']);
    expect(report.stdout).toMatch(/### Repeats/);
    expect(report.stdout).not.toMatch(/warning:/);
    const html = await runCliInProcess(['report', join(base, 'a'), '--format', 'html', '--output', join(base, 'report.html')]);
    expect(html.status ?? 0).toBe(0);
    expect(readFileSync(join(base, 'report.html'), 'utf8')).toMatch(/<h2>Repeats<\/h2>.*sample standard deviation/s);
  });

  it('refuses bad combinations before any request', async () => {
    const before = server.log.headers.length;
    await expect(
      runCliInProcess(['run', '--data', DEV_SET, '--provider', 'builtin', '--out', temporaryDirectory('x'), '--few-shot', '2']),
    ).resolves.toMatchObject({ stderr: expect.stringMatching(/needs --few-shot-source/) as unknown });
    await expect(
      runCliInProcess([
        'run',
        '--data',
        DEV_SET,
        '--provider',
        'builtin',
        '--out',
        temporaryDirectory('x'),
        '--prompt-template',
        'fixtures/prompts/chat-template.json',
        '--system-preset',
        'starter-kit',
      ]),
    ).resolves.toMatchObject({ stderr: expect.stringMatching(/own system message/) as unknown });
    expect(server.log.headers.length).toBe(before);
  });
});
