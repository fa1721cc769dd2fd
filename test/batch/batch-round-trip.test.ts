import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { runCliInProcess } from '../helpers/cli';
import { runBatchFile, type BatchEngine } from '../fakes/fake-batch-runner';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import type { RunningFakeServer } from '../fakes/fake-http-server';
import { DEV_SET, devSetAnswers, readItems, temporaryDirectory } from '../e2e/run-fixtures';
import type { RunSummary } from '../../src/scoring/records';

// the OpenAI Batch input line (openai-openapi BatchRequestInput, with the chat body's required fields); vLLM's
// BatchRequestInput is the same shape and validates the body as a ChatCompletionRequest
const BATCH_INPUT_LINE = {
  type: 'object',
  required: ['custom_id', 'method', 'url', 'body'],
  additionalProperties: false,
  properties: {
    custom_id: { type: 'string', minLength: 1 },
    method: { const: 'POST' },
    url: { enum: ['/v1/chat/completions', '/v1/completions'] },
    body: {
      type: 'object',
      required: ['model'],
      properties: {
        model: { type: 'string' },
        messages: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['role', 'content'],
            properties: { role: { enum: ['system', 'user'] }, content: { type: 'string' } },
          },
        },
        prompt: { type: 'string' },
        temperature: { type: 'number' },
        max_tokens: { type: 'integer', minimum: 1 },
        stop: { type: 'array', items: { type: 'string' } },
        seed: { type: 'integer' },
      },
      oneOf: [{ required: ['messages'] }, { required: ['prompt'] }],
    },
  },
} as const;

function lines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function summaryOf(directory: string): RunSummary {
  return JSON.parse(readFileSync(join(directory, 'summary.json'), 'utf8')) as RunSummary;
}

const PROMPT_FLAGS = ['--system-preset', 'starter-kit', '--temperature', '0', '--max-tokens', 'generation=64', '--seed', '7'];

describe('shopeval batch export / ingest', () => {
  let server: RunningFakeServer;
  let failing: Set<string>;

  beforeAll(async () => {
    const answer = await devSetAnswers();
    failing = new Set();
    server = await startFakeOpenAIServer({
      answer: (prompt) => answer(prompt),
      faults: (_call, prompt) => (failing.has(prompt) ? 'http-400' : undefined),
    });
  });
  afterAll(() => server.close());

  async function exportRequests(directory: string, extra: readonly string[] = []): Promise<string> {
    const requests = join(directory, 'requests.jsonl');
    const exported = await runCliInProcess([
      'batch',
      'export',
      '--data',
      DEV_SET,
      '--model',
      'fake-model',
      ...PROMPT_FLAGS,
      ...extra,
      '--out',
      requests,
    ]);
    expect(exported.stderr).toMatch(/wrote \d+ requests to /);
    expect(exported.status).toBe(0);
    return requests;
  }

  it('exports one valid OpenAI Batch line per row, built exactly as run sends it', async () => {
    const directory = temporaryDirectory('batch-export');
    const requests = await exportRequests(directory);
    const validate = new Ajv({ strict: false }).compile(BATCH_INPUT_LINE);
    const exported = lines(requests);
    expect(exported).toHaveLength(96);
    for (const line of exported) expect(validate(line) ? [] : validate.errors).toEqual([]);
    expect(new Set(exported.map((line) => line['custom_id'])).size).toBe(96); // unique, as both engines require

    // the bodies are the ones a live run sends: run against the fake and compare what it received
    const before = server.log.calls.length;
    const run = await runCliInProcess([
      'run',
      '--data',
      DEV_SET,
      '--provider',
      'openai-compatible',
      '--base-url',
      `${server.url}/v1`,
      '--model',
      'fake-model',
      ...PROMPT_FLAGS,
      '--no-cache',
      '--no-identity-probe',
      '--embedding-backend',
      'none',
      '--out',
      join(directory, 'live'),
    ]);
    expect(run.status).toBe(0);
    const sent = server.log.calls
      .slice(before)
      .map((call) => JSON.stringify(call.body))
      .sort();
    expect(sent).toEqual(exported.map((line) => JSON.stringify(line['body'])).sort());
    const manifest = JSON.parse(readFileSync(`${requests}.shopeval.json`, 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      format: 'shopeval-batch-export',
      model: 'fake-model',
      api: 'chat',
      url: '/v1/chat/completions',
      requests: 96,
    });
  }, 120_000);

  it.each<BatchEngine>(['openai', 'vllm'])(
    'ingests a %s batch output into the run a live run writes; failed requests are API errors',
    async (engine) => {
      const directory = temporaryDirectory(`batch-${engine}`);
      const requests = await exportRequests(directory);
      const live = join(directory, 'live');
      const run = await runCliInProcess([
        'run',
        '--data',
        DEV_SET,
        '--provider',
        'openai-compatible',
        '--base-url',
        `${server.url}/v1`,
        '--model',
        'fake-model',
        ...PROMPT_FLAGS,
        '--no-cache',
        '--no-identity-probe',
        '--embedding-backend',
        'none',
        '--out',
        live,
      ]);
      expect(run.status).toBe(0);

      const output = join(directory, 'output.jsonl');
      const errors = join(directory, 'errors.jsonl');
      await runBatchFile({ requests, baseURL: `${server.url}/v1`, output, errors, engine });
      const ingested = join(directory, 'ingested');
      const result = await runCliInProcess([
        'batch',
        'ingest',
        output,
        '--errors',
        errors,
        '--requests',
        requests,
        '--data',
        DEV_SET,
        '--embedding-backend',
        'none',
        '--out',
        ingested,
      ]);
      expect(result.stderr).not.toMatch(/unexpected error/);
      expect(result.status).toBe(0);
      expect(readFileSync(join(ingested, 'summary.json'), 'utf8')).toBe(readFileSync(join(live, 'summary.json'), 'utf8'));
      expect(readItems(ingested)).toEqual(readItems(live));
      const manifest = JSON.parse(readFileSync(join(ingested, 'manifest.json'), 'utf8')) as Record<string, Record<string, unknown>>;
      const liveManifest = JSON.parse(readFileSync(join(live, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      expect(manifest['provider']).toMatchObject({ provider: 'openai-batch', model: 'fake-model', api: 'chat', results: output });
      expect(manifest['prompt']).toEqual(liveManifest['prompt']);
      expect(manifest['counts']).toEqual({ items: 96, answered: 96, api_errors: 0, null_content: 0 });

      // three requests the server refuses: their lines (error file, or vLLM's error lines) become API errors
      const refused = lines(requests)
        .slice(0, 3)
        .map(
          (line) =>
            (line['body'] as { messages: { role: string; content: string }[] }).messages.find((message) => message.role === 'user')
              ?.content ?? '',
        );
      for (const prompt of refused) failing.add(prompt);
      try {
        await runBatchFile({ requests, baseURL: `${server.url}/v1`, output, errors, engine });
      } finally {
        failing.clear();
      }
      const partial = join(directory, 'partial');
      const withErrors = await runCliInProcess([
        'batch',
        'ingest',
        output,
        '--errors',
        errors,
        '--requests',
        requests,
        '--data',
        DEV_SET,
        '--embedding-backend',
        'none',
        '--out',
        partial,
      ]);
      expect(withErrors.status).toBe(0);
      expect(summaryOf(partial).counts.api_errors).toBe(3);
      const failedItems = readItems(partial).filter((item) => item.api_error !== undefined);
      expect(failedItems).toHaveLength(3);
      for (const item of failedItems) expect(item.api_error).toMatch(/^http 400: batch: /);
      expect(summaryOf(partial).completeness?.complete).toBe(false);
    },
    180_000,
  );

  it('carries every prompt setting of run, logprobs multiple choice included, through export and ingest', async () => {
    const directory = temporaryDirectory('batch-settings');
    const flags = [
      '--top-p',
      '0.9',
      '--top-k',
      '5',
      '--presence-penalty',
      '0.5',
      '--extra-body',
      '{"repetition_penalty": 1.1}',
      '--mc-scoring',
      'logprobs',
    ];
    const live = join(directory, 'live');
    const run = await runCliInProcess([
      'run',
      '--data',
      DEV_SET,
      '--provider',
      'openai-compatible',
      '--base-url',
      `${server.url}/v1`,
      '--model',
      'fake-model',
      ...PROMPT_FLAGS,
      ...flags,
      '--no-cache',
      '--no-identity-probe',
      '--embedding-backend',
      'none',
      '--out',
      live,
    ]);
    expect(run.status).toBe(0);
    const requests = await exportRequests(directory, flags);
    const bodies = lines(requests).map((line) => line['body'] as Record<string, unknown>);
    expect(
      bodies.every(
        (body) => body['top_p'] === 0.9 && body['top_k'] === 5 && body['presence_penalty'] === 0.5 && body['repetition_penalty'] === 1.1,
      ),
    ).toBe(true);
    expect(bodies.some((body) => body['logprobs'] === true && body['max_tokens'] === 1)).toBe(true);
    const output = join(directory, 'output.jsonl');
    await runBatchFile({ requests, baseURL: `${server.url}/v1`, output, engine: 'vllm' });
    const ingested = join(directory, 'ingested');
    const result = await runCliInProcess([
      'batch',
      'ingest',
      output,
      '--requests',
      requests,
      '--data',
      DEV_SET,
      '--embedding-backend',
      'none',
      '--out',
      ingested,
    ]);
    expect(result.status).toBe(0);
    expect(readFileSync(join(ingested, 'summary.json'), 'utf8')).toBe(readFileSync(join(live, 'summary.json'), 'utf8'));
    expect(readItems(ingested)).toEqual(readItems(live));
  }, 180_000);

  it('exports shards whose ingested runs merge into the live run', async () => {
    const directory = temporaryDirectory('batch-shards');
    const live = join(directory, 'live');
    expect(
      (
        await runCliInProcess([
          'run',
          '--data',
          DEV_SET,
          '--provider',
          'openai-compatible',
          '--base-url',
          `${server.url}/v1`,
          '--model',
          'fake-model',
          ...PROMPT_FLAGS,
          '--no-cache',
          '--no-identity-probe',
          '--embedding-backend',
          'none',
          '--out',
          live,
        ])
      ).status,
    ).toBe(0);
    const shards: string[] = [];
    for (const index of [0, 1]) {
      const requests = await exportRequests(directory, ['--shard', `${index}/2`]);
      const shardRequests = join(directory, `requests-${index}.jsonl`);
      writeFileSync(shardRequests, readFileSync(requests));
      writeFileSync(`${shardRequests}.shopeval.json`, readFileSync(`${requests}.shopeval.json`));
      const output = join(directory, `output-${index}.jsonl`);
      await runBatchFile({ requests: shardRequests, baseURL: `${server.url}/v1`, output, engine: 'vllm' });
      const out = join(directory, `shard-${index}`);
      expect(
        (
          await runCliInProcess([
            'batch',
            'ingest',
            output,
            '--requests',
            shardRequests,
            '--data',
            DEV_SET,
            '--embedding-backend',
            'none',
            '--out',
            out,
          ])
        ).status,
      ).toBe(0);
      shards.push(out);
    }
    const merged = join(directory, 'merged');
    const result = await runCliInProcess(['merge', ...shards, '--embedding-backend', 'none', '--out', merged]);
    expect(result.stderr).toContain('merged 2 shards (96 items)');
    expect(result.status).toBe(0);
    expect(readFileSync(join(merged, 'summary.json'), 'utf8')).toBe(readFileSync(join(live, 'summary.json'), 'utf8'));
  }, 180_000);

  it('refuses results that are not those of the export, naming the file and line', async () => {
    const directory = temporaryDirectory('batch-mismatch');
    const requests = await exportRequests(directory);
    const output = join(directory, 'output.jsonl');
    await runBatchFile({ requests, baseURL: `${server.url}/v1`, output, engine: 'vllm' });
    const ingest = (results: string, out: string, requestsFile = requests) =>
      runCliInProcess([
        'batch',
        'ingest',
        results,
        '--requests',
        requestsFile,
        '--data',
        DEV_SET,
        '--embedding-backend',
        'none',
        '--out',
        join(directory, out),
      ]);

    // other settings: the same rows exported with another temperature carry other custom_ids
    const otherRequests = join(directory, 'other-requests.jsonl');
    expect(
      (
        await runCliInProcess([
          'batch',
          'export',
          '--data',
          DEV_SET,
          '--model',
          'fake-model',
          '--temperature',
          '0.5',
          '--out',
          otherRequests,
        ])
      ).status,
    ).toBe(0);
    const settings = await ingest(output, 'other', otherRequests);
    expect(settings.status).toBe(2);
    expect(settings.stderr).toContain(`${output}:1: custom_id`);
    expect(settings.stderr).toContain('is not one of the exported requests');

    const all = readFileSync(output, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const missing = join(directory, 'missing.jsonl');
    writeFileSync(missing, all.slice(1).join('\n') + '\n');
    const missed = await ingest(missing, 'missing');
    expect(missed.status).toBe(2);
    expect(missed.stderr).toMatch(/1 of the 96 exported requests have no line in/);

    const twice = join(directory, 'twice.jsonl');
    writeFileSync(twice, [...all, all[4] ?? ''].join('\n') + '\n');
    const duplicated = await ingest(twice, 'twice');
    expect(duplicated.status).toBe(2);
    expect(duplicated.stderr).toContain(`${twice}:97: custom_id`);
    expect(duplicated.stderr).toContain(`was already answered at ${twice}:5`);

    const otherModel = join(directory, 'other-model.jsonl');
    writeFileSync(
      otherModel,
      all.map((line, index) => (index === 9 ? line.replace('"model":"fake-model"', '"model":"another-model"') : line)).join('\n') + '\n',
    );
    const model = await ingest(otherModel, 'model');
    expect(model.status).toBe(2);
    expect(model.stderr).toContain(`${otherModel}:10: answered by model "another-model", but the export asked for "fake-model"`);

    const garbage = join(directory, 'garbage.jsonl');
    writeFileSync(garbage, [all[0], '{"custom_id": 5}', ...all.slice(1)].join('\n') + '\n');
    const bad = await ingest(garbage, 'garbage');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`${garbage}:2: field custom_id: expected a string`);

    for (const out of ['other', 'missing', 'twice', 'model', 'garbage'])
      expect(() => readFileSync(join(directory, out, 'manifest.json'))).toThrow(); // nothing written
  }, 120_000);
});
