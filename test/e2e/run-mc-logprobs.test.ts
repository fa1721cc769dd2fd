import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import type { ShopBenchRow } from '../../src/dataset/row';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import { optionLabels } from '../../src/scoring/choose-label';
import type { RunSummary } from '../../src/scoring/records';
import { startFakeOllamaServer } from '../fakes/fake-ollama-server';
import { startFakeOpenAIServer, type OpenAIFlavour } from '../fakes/fake-openai-server';
import type { FakeTokenLogprob, RunningFakeServer } from '../fakes/fake-http-server';
import { runCliInProcess } from '../helpers/cli';
import { DEV_SET, devSetAnswers, fakeRunOptions, openAiDevSetRunArgv, readItems, readJson, temporaryDirectory } from './run-fixtures';

/** The fakes' options with a generous timeout: a loaded machine must not turn slow answers into API errors here. */
const runOptions: typeof fakeRunOptions = (out, overrides = {}) => fakeRunOptions(out, { timeoutMs: 30_000, ...overrides });

/** The fake model's first-token alternatives, by the row's position among the multiple-choice rows (mod 3). */
type Case = 'right' | 'no-label' | 'wrong-visible';
const FILLER = Array.from({ length: 25 }, (_unused, index) => ({ token: ` word${index}`, logprob: -0.5 - index * 0.01 }));

function alternativesFor(row: ShopBenchRow, kind: Case, labels: readonly string[]): FakeTokenLogprob[] {
  const truth = String(row.truth);
  const wrong = labels.find((label) => label !== truth) ?? '0';
  switch (kind) {
    case 'right': // the label spelled two ways: " T" alone would lose to " The"; with "T" added it wins
      return [
        { token: ' The', logprob: -1 },
        { token: ` ${truth}`, logprob: -1.2 },
        { token: truth, logprob: -1.6 },
        { token: ` ${wrong}`, logprob: -2 },
      ];
    case 'no-label': // 25 fillers ahead of every label: a top-20 shows none of them
      return [...FILLER, { token: ` ${truth}`, logprob: -3 }];
    case 'wrong-visible': // the truth sits below 20 fillers: missing from the top-20, the wrong label visible
      return [{ token: ` ${wrong}`, logprob: -0.3 }, ...FILLER.slice(0, 20), { token: ` ${truth}`, logprob: -2.9 }];
  }
}

interface Expected {
  readonly alternatives: (prompt: string) => FakeTokenLogprob[];
  /** Per multiple-choice task: items, right, no-label, wrong-visible. */
  readonly tasks: Map<string, { items: number; right: number; noLabel: number; wrongVisible: number }>;
}

async function expectedCases(): Promise<Expected> {
  const dataset = await loadDataset(DEV_SET);
  const byPrompt = new Map<string, FakeTokenLogprob[]>();
  const tasks: Expected['tasks'] = new Map();
  let position = 0;
  for (const row of dataset.rows) {
    if (row.taskType !== 'multiple-choice') continue;
    const labels = optionLabels(row.input);
    const kind: Case = (['right', 'no-label', 'wrong-visible'] as const)[position % 3] ?? 'right';
    position += 1;
    byPrompt.set(row.input, alternativesFor(row, kind, labels));
    const task = tasks.get(row.taskName) ?? { items: 0, right: 0, noLabel: 0, wrongVisible: 0 };
    task.items += 1;
    if (kind === 'right') task.right += 1;
    else if (kind === 'no-label') task.noLabel += 1;
    else task.wrongVisible += 1;
    tasks.set(row.taskName, task);
  }
  return { alternatives: (prompt) => byPrompt.get(prompt) ?? [], tasks };
}

function checkSummary(summary: RunSummary, expected: Expected): void {
  for (const [name, task] of expected.tasks) {
    expect({ name, score: summary.tasks.find((candidate) => candidate.task_name === name)?.score }).toEqual({
      name,
      score: task.right / task.items,
    });
    expect(summary.mc_scoring?.tasks.find((candidate) => candidate.task_name === name)).toEqual({
      task_name: name,
      items: task.items,
      all_labels_in_top_k: 0,
      some_labels_missing: task.right + task.wrongVisible,
      no_label_in_top_k: task.noLabel,
      no_options_in_prompt: 0,
    });
  }
}

describe.each<OpenAIFlavour>(['vllm', 'llama-server'])('run --mc-scoring logprobs against the %s fake', (flavour) => {
  let server: RunningFakeServer;
  let expected: Expected;
  beforeAll(async () => {
    expected = await expectedCases();
    server = await startFakeOpenAIServer({ flavour, answer: await devSetAnswers(), alternatives: expected.alternatives });
  });
  afterAll(() => server.close());

  it.each<['chat' | 'completions']>([['chat'], ['completions']])(
    '%s: chooses the most probable label, reports what the top-k hid, and scores with the profile',
    async (api) => {
      const out = join(temporaryDirectory(`mc-${flavour}-${api}`), 'run');
      const calls = server.log.calls.length;
      const outcome = await runEvaluation(
        runOptions(out, {
          provider: { provider: 'openai-compatible', model: 'fake-model', baseURL: `${server.url}/v1`, api, environment: {} },
          prompt: { temperature: 0, mcScoring: 'logprobs' },
        }),
      );
      checkSummary(outcome.summary, expected);
      const items = readItems(out);
      const multipleChoice = items.filter((item) => item.task_type === 'multiple-choice');
      expect(multipleChoice.every((item) => item.mc_logprobs !== undefined && item.raw_output !== undefined)).toBe(true);
      expect(items.filter((item) => item.task_type !== 'multiple-choice').every((item) => item.mc_logprobs === undefined)).toBe(true);
      const noLabel = multipleChoice.filter((item) => item.mc_logprobs?.method === 'no-label-in-top-k');
      expect(noLabel.every((item) => item.unparseable && item.output === '' && item.mc_logprobs?.chosen === null)).toBe(true);
      const right = multipleChoice.find((item) => item.score === 1);
      expect(right?.mc_logprobs?.logprobs[String(right.truth)]).toBeCloseTo(Math.log(Math.exp(-1.2) + Math.exp(-1.6)), 10);
      // the response log keeps the alternatives and the choice, too
      const logged = readFileSync(join(out, 'responses.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { id: string; top_logprobs?: unknown[]; mc?: { chosen: string | null } });
      expect(logged.find((entry) => entry.id === right?.id)).toMatchObject({ mc: { chosen: String(right?.truth) } });
      expect(logged.find((entry) => entry.id === right?.id)?.top_logprobs).toHaveLength(4);
      // one token and 20 alternatives for multiple choice only
      const sent = server.log.calls.slice(calls);
      const asking = sent.filter((call) => call.body['max_tokens'] === 1);
      expect(new Set(asking.map((call) => call.prompt)).size).toBe(multipleChoice.length);
      expect(
        asking.every((call) =>
          api === 'chat' ? call.body['top_logprobs'] === 20 && call.body['logprobs'] === true : call.body['logprobs'] === 20,
        ),
      ).toBe(true);
      expect(sent.filter((call) => call.body['max_tokens'] !== 1).every((call) => call.body['logprobs'] === undefined)).toBe(true);
    },
  );
});

describe('the cache keeps logprobs answers apart from generated ones', () => {
  it('answers a rerun from the cache with the same figures, and never serves a one-token answer to generate mode', async () => {
    const expected = await expectedCases();
    const server = await startFakeOpenAIServer({ answer: await devSetAnswers(), alternatives: expected.alternatives });
    const cache = { directory: temporaryDirectory('mc-cache'), cacheOnly: false };
    const provider = { provider: 'openai-compatible' as const, model: 'fake-model', baseURL: `${server.url}/v1`, environment: {} };
    try {
      const first = await runEvaluation(
        runOptions(join(temporaryDirectory('mc-a'), 'run'), { provider, cache, prompt: { temperature: 0, mcScoring: 'logprobs' } }),
      );
      const calls = server.log.calls.length;
      const again = await runEvaluation(
        runOptions(join(temporaryDirectory('mc-b'), 'run'), { provider, cache, prompt: { temperature: 0, mcScoring: 'logprobs' } }),
      );
      expect(again.cache?.misses).toBe(0); // only the identity probe's few requests reach the server
      expect(again.requested).toBeGreaterThan(0);
      expect(again.summary.tasks).toEqual(first.summary.tasks);
      expect(again.summary.mc_scoring).toEqual(first.summary.mc_scoring);
      const generated = await runEvaluation(
        runOptions(join(temporaryDirectory('mc-c'), 'run'), { provider, cache, prompt: { temperature: 0 } }),
      );
      const multipleChoice = readItems(generated.directory).filter((item) => item.task_type === 'multiple-choice');
      expect(server.log.calls.length - calls).toBeGreaterThanOrEqual(multipleChoice.length);
      expect(multipleChoice.every((item) => item.mc_logprobs === undefined)).toBe(true);
      expect(generated.summary.mc_scoring).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

describe('shopeval run flags of issue 13 (in process)', () => {
  it('--mc-scoring logprobs against Ollama, with the sampling flags and --extra-body recorded in the manifest', async () => {
    const expected = await expectedCases();
    const server = await startFakeOllamaServer({ answer: await devSetAnswers(), alternatives: expected.alternatives });
    const out = join(temporaryDirectory('mc-ollama'), 'run');
    try {
      const result = await runCliInProcess([
        'run',
        '--data',
        DEV_SET,
        '--provider',
        'ollama',
        '--model',
        'fake-model',
        '--base-url',
        server.url,
        '--out',
        out,
        '--no-cache',
        '--embedding-backend',
        'none',
        '--mc-scoring',
        'logprobs',
        '--top-p',
        '0.9',
        '--top-k',
        '40',
        '--presence-penalty',
        '0.5',
        '--frequency-penalty',
        '0.25',
        '--extra-body',
        '{"keep_alive": "5m"}',
      ]);
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.status).toBe(0);
      const manifest = readJson(join(out, 'manifest.json')) as { prompt: Record<string, unknown> };
      expect(manifest.prompt).toMatchObject({
        top_p: 0.9,
        top_k: 40,
        presence_penalty: 0.5,
        frequency_penalty: 0.25,
        extra_body: { keep_alive: '5m' },
        mc_scoring: 'logprobs',
      });
      checkSummary(readJson(join(out, 'summary.json')) as RunSummary, expected);
      const counts = [...expected.tasks.values()].reduce(
        (sum, task) => ({ items: sum.items + task.items, noLabel: sum.noLabel + task.noLabel }),
        { items: 0, noLabel: 0 },
      );
      expect(result.stderr).toContain(
        `--mc-scoring logprobs: ${counts.items} multiple-choice items: 0 with every option label in the top 20; ${counts.items - counts.noLabel} with fewer`,
      );
      expect(result.stderr).toContain(`${counts.noLabel} with none (no choice: scored unparseable)`);
      expect(server.log.calls.at(-1)?.body).toMatchObject({
        keep_alive: '5m',
        options: { top_p: 0.9, top_k: 40, presence_penalty: 0.5, frequency_penalty: 0.25 },
      });
    } finally {
      await server.close();
    }
  });

  it('refuses an Ollama too old for logprobs before any item is sent, and leaves no run directory', async () => {
    const server = await startFakeOllamaServer({ version: '0.12.3' });
    const out = join(temporaryDirectory('mc-old-ollama'), 'run');
    try {
      const result = await runCliInProcess([
        'run',
        '--data',
        DEV_SET,
        '--provider',
        'ollama',
        '--model',
        'fake-model',
        '--base-url',
        server.url,
        '--out',
        out,
        '--no-cache',
        '--embedding-backend',
        'none',
        '--mc-scoring',
        'logprobs',
      ]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/runs Ollama 0\.12\.3, which has no log-probabilities/);
      expect(result.stderr).toMatch(/--mc-scoring generate/);
      expect(server.log.calls).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('--mc-scoring logprobs with a builtin baseline is refused: it has no log-probabilities to read', async () => {
    const out = join(temporaryDirectory('mc-builtin'), 'run');
    const result = await runCliInProcess([
      'run',
      '--data',
      DEV_SET,
      '--provider',
      'builtin',
      '--out',
      out,
      '--embedding-backend',
      'none',
      '--mc-scoring',
      'logprobs',
    ]);
    expect(result.stderr).toMatch(/--mc-scoring logprobs needs a server's log-probabilities; builtin has none/);
    expect(result.status).toBe(2);
  });

  it.each<[string[], RegExp]>([
    [['--extra-body', '{"model": "x"}'], /--extra-body: "model" is set by shopeval itself/],
    [['--extra-body', '[1]'], /--extra-body: expected a JSON object/],
    [['--top-p', '1.5'], /--top-p 1\.5: expected a number from 0 to 1/],
    [['--top-k', '0'], /--top-k 0: expected a positive integer/],
    [['--mc-scoring', 'perplexity'], /perplexity/],
  ])('%j is a config error before anything runs', async (flags, message) => {
    const result = await runCliInProcess([
      'run',
      '--data',
      DEV_SET,
      '--provider',
      'builtin',
      '--out',
      join(temporaryDirectory('mc-flags'), 'run'),
      '--embedding-backend',
      'none',
      ...flags,
    ]);
    expect(result.stderr).toMatch(message);
    expect(result.status).toBe(2);
  });

  it('--strip-reasoning parses the answer after </think> and keeps the raw answer beside it', async () => {
    const answers = await devSetAnswers();
    const server = await startFakeOpenAIServer({
      answer: (prompt) => `<think>\nThe user asks; options considered.\n</think>\n\n${answers(prompt)}`,
    });
    const clean = await startFakeOpenAIServer({ answer: answers });
    const run = async (url: string, extra: readonly string[]) => {
      const out = join(temporaryDirectory('strip'), 'run');
      const result = await runCliInProcess([
        ...openAiDevSetRunArgv('fake-model', `${url}/v1`),
        '--out',
        out,
        '--no-cache',
        '--embedding-backend',
        'none',
        ...extra,
      ]);
      expect(result.status).toBe(0);
      return {
        summary: readJson(join(out, 'summary.json')) as RunSummary,
        items: readItems(out),
        manifest: readJson(join(out, 'manifest.json')) as Record<string, unknown>,
      };
    };
    try {
      const reference = await run(clean.url, []);
      const stripped = await run(server.url, ['--strip-reasoning']);
      const raw = await run(server.url, []);
      expect(stripped.summary.tasks.map((task) => task.score)).toEqual(reference.summary.tasks.map((task) => task.score));
      expect(raw.summary.counts.unparseable).toBeGreaterThan(reference.summary.counts.unparseable);
      expect(stripped.manifest['strip_reasoning']).toBe(true);
      const item = stripped.items.find((candidate) => candidate.task_type === 'multiple-choice');
      expect(item?.raw_output).toMatch(/^<think>\nThe user asks/);
      expect(item?.output).toBe(reference.items.find((candidate) => candidate.id === item?.id)?.output?.trim());
    } finally {
      await server.close();
      await clean.close();
    }
  });
});

describe('resuming a logprobs run', () => {
  it('keeps the logged choices, and refuses to carry on in the other mode or with other sampling settings', async () => {
    const expected = await expectedCases();
    const server = await startFakeOpenAIServer({ answer: await devSetAnswers(), alternatives: expected.alternatives });
    const provider = { provider: 'openai-compatible' as const, model: 'fake-model', baseURL: `${server.url}/v1`, environment: {} };
    const out = join(temporaryDirectory('mc-resume'), 'run');
    try {
      const first = await runEvaluation(runOptions(out, { provider, prompt: { temperature: 0, mcScoring: 'logprobs' } }));
      const again = await runEvaluation(runOptions(out, { provider, prompt: { temperature: 0, mcScoring: 'logprobs' } }));
      expect(again.requested).toBe(0);
      expect(again.summary.mc_scoring).toEqual(first.summary.mc_scoring);
      await expect(runEvaluation(runOptions(out, { provider, prompt: { temperature: 0 } }))).rejects.toThrow(
        /prompt\.mc_scoring: was "logprobs", now absent/,
      );
      await expect(
        runEvaluation(runOptions(out, { provider, prompt: { temperature: 0, mcScoring: 'logprobs', topP: 0.9 } })),
      ).rejects.toThrow(/prompt\.top_p: was absent, now 0\.9/);
    } finally {
      await server.close();
    }
  });
});

describe('compare: generate against logprobs', () => {
  it('gives per task both accuracies, how often the two chose alike, and how often generation was unparseable', async () => {
    const expected = await expectedCases();
    const server = await startFakeOpenAIServer({ answer: await devSetAnswers(), alternatives: expected.alternatives });
    const provider = { provider: 'openai-compatible' as const, model: 'fake-model', baseURL: `${server.url}/v1`, environment: {} };
    try {
      const generated = await runEvaluation(
        runOptions(join(temporaryDirectory('mc-gen'), 'run'), { provider, prompt: { temperature: 0 } }),
      );
      const scored = await runEvaluation(
        runOptions(join(temporaryDirectory('mc-lp'), 'run'), { provider, prompt: { temperature: 0, mcScoring: 'logprobs' } }),
      );
      const result = await runCliInProcess([
        'compare',
        generated.directory,
        scored.directory,
        '--format',
        'json',
        '--output=-',
        '--resamples',
        '50',
      ]);
      expect(result.status).toBe(0);
      const comparison = JSON.parse(result.stdout) as {
        mc_agreement?: {
          baseline_mode: string;
          candidate_mode: string;
          tasks: {
            task_name: string;
            n: number;
            baseline_accuracy: number;
            candidate_accuracy: number;
            both_parsed: number;
            agree: number;
            baseline_unparseable: number;
            candidate_unparseable: number;
          }[];
        };
      };
      expect(comparison.mc_agreement).toMatchObject({ baseline_mode: 'generate', candidate_mode: 'logprobs' });
      const before = readItems(generated.directory);
      const after = new Map(readItems(scored.directory).map((item) => [item.id, item]));
      for (const [name, task] of expected.tasks) {
        const items = before.filter((item) => item.task_name === name);
        const bothParsed = items.filter((item) => !item.unparseable && after.get(item.id)?.unparseable === false);
        const agree = bothParsed.filter((item) => JSON.stringify(item.parsed) === JSON.stringify(after.get(item.id)?.parsed)).length;
        expect(bothParsed.length).toBeGreaterThan(0);
        expect(comparison.mc_agreement?.tasks.find((entry) => entry.task_name === name)).toEqual({
          task_name: name,
          n: task.items,
          baseline_accuracy: items.filter((item) => item.score === 1).length / task.items,
          candidate_accuracy: task.right / task.items,
          both_parsed: bothParsed.length,
          agree,
          agreement: agree / bothParsed.length,
          baseline_unparseable: items.filter((item) => item.unparseable).length,
          candidate_unparseable: task.noLabel,
        });
      }
      const terminal = await runCliInProcess(['compare', generated.directory, scored.directory, '--resamples', '50']);
      expect(terminal.stdout).toMatch(/Multiple choice by scoring mode/);
      expect(terminal.stdout).toMatch(/Baseline \(generate\)/);
    } finally {
      await server.close();
    }
  });
});
