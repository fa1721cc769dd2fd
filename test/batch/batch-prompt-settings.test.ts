import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import { parseBatchCustomId } from '../../src/batch/batch-custom-id';
import { exportBatch, type ExportBatchOptions } from '../../src/batch/export-batch';
import { ingestBatch, type IngestBatchOptions } from '../../src/batch/ingest-batch';
import { runCliInProcess } from '../helpers/cli';
import { runBatchFile, type BatchEngine } from '../fakes/fake-batch-runner';
import { startFakeOpenAIServer } from '../fakes/fake-openai-server';
import type { GenerationCall, RunningFakeServer } from '../fakes/fake-http-server';
import { DEV_SET, devSetAnswers, readItems, temporaryDirectory } from '../e2e/run-fixtures';

const CHAT_TEMPLATE = 'fixtures/prompts/chat-template.json';
const TEXT_TEMPLATE = 'fixtures/prompts/text-template.txt';

function lines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

interface Case {
  readonly name: string;
  readonly flags: readonly string[];
  readonly engine: BatchEngine;
  readonly repeats: number;
}

const CASES: readonly Case[] = [
  {
    name: 'a chat template, few-shot examples as turns, 3 repeats with a seed',
    flags: [
      '--prompt-template',
      CHAT_TEMPLATE,
      '--few-shot',
      '2',
      '--few-shot-source',
      DEV_SET,
      '--few-shot-as-turns',
      '--repeats',
      '3',
      '--seed',
      '11',
      '--temperature',
      '0.7',
    ],
    engine: 'vllm',
    repeats: 3,
  },
  {
    name: 'a text template placing few-shot text, 2 repeats (default seed), the completions API',
    flags: [
      '--prompt-template',
      TEXT_TEMPLATE,
      '--few-shot',
      '1',
      '--few-shot-source',
      DEV_SET,
      '--few-shot-seed',
      '5',
      '--repeats',
      '2',
      '--api',
      'completions',
    ],
    engine: 'openai',
    repeats: 2,
  },
  {
    name: 'logprob multiple choice with a prompt preset and few-shot examples',
    flags: ['--prompt-preset', 'plain', '--few-shot', '2', '--few-shot-source', DEV_SET, '--mc-scoring', 'logprobs', '--top-p', '0.9'],
    engine: 'vllm',
    repeats: 1,
  },
];

describe('batch export / ingest carry templates, few-shot examples and repeats exactly as run', () => {
  let server: RunningFakeServer;

  beforeAll(async () => {
    const lexical = await devSetAnswers();
    const inputs = (await loadDataset(DEV_SET)).rows.map((row) => row.input);
    // the row is the one the prompt ends with (a template or few-shot examples come before it); a large seed (some
    // repeats' derived seeds) answers nothing, as a sampling model may miss, so repeats differ
    const answer = (prompt: string, call: GenerationCall): string => {
      const input = inputs.filter((candidate) => prompt.endsWith(candidate)).sort((a, b) => b.length - a.length)[0];
      const seed = Number(call.body['seed'] ?? 0);
      return input === undefined || seed > 500_000_000 ? '' : lexical(input);
    };
    server = await startFakeOpenAIServer({ answer });
  });
  afterAll(() => server.close());

  const live = async (directory: string, flags: readonly string[]): Promise<{ out: string; bodies: string[] }> => {
    const out = join(directory, 'live');
    const before = server.log.calls.length;
    const run = await runCliInProcess([
      'run',
      '--data',
      DEV_SET,
      '--limit',
      '40',
      '--provider',
      'openai-compatible',
      '--base-url',
      `${server.url}/v1`,
      '--model',
      'fake-model',
      ...flags,
      '--no-cache',
      '--no-identity-probe',
      '--embedding-backend',
      'none',
      '--out',
      out,
    ]);
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.status).toBe(0);
    const bodies = server.log.calls
      .slice(before)
      .map((call) => JSON.stringify(call.body))
      .sort();
    return { out, bodies };
  };

  const exportTo = async (requests: string, flags: readonly string[]): Promise<void> => {
    const exported = await runCliInProcess([
      'batch',
      'export',
      '--data',
      DEV_SET,
      '--limit',
      '40',
      '--model',
      'fake-model',
      ...flags,
      '--out',
      requests,
    ]);
    expect(exported.stderr).toMatch(/wrote \d+ requests to /);
    expect(exported.status).toBe(0);
  };

  const ingest = (directory: string, output: string, requests: string, out: string, extra: readonly string[] = []) =>
    runCliInProcess([
      'batch',
      'ingest',
      output,
      '--requests',
      requests,
      '--data',
      DEV_SET,
      ...extra,
      '--embedding-backend',
      'none',
      '--out',
      join(directory, out),
    ]);

  it.each(CASES)(
    '$name: the exported bodies are the live run bodies, and ingest writes the live run',
    async ({ flags, engine, repeats }) => {
      const directory = temporaryDirectory('batch-prompt');
      const { out: liveOut, bodies } = await live(directory, flags);
      const requests = join(directory, 'requests.jsonl');
      await exportTo(requests, flags);

      const exported = lines(requests);
      const rows = (readJson(join(liveOut, 'manifest.json'))['dataset'] as { rows: number }).rows;
      expect(exported).toHaveLength(rows * repeats);
      expect(exported.map((line) => JSON.stringify(line['body'])).sort()).toEqual(bodies); // byte for byte what run sends
      const ids = exported.map((line) => String(line['custom_id']));
      expect(new Set(ids).size).toBe(ids.length);
      // the repeat index is in the custom_id: each row's repeats 0..N-1, each repeat with its own body
      const parsed = ids.map((id) => parseBatchCustomId(id, repeats > 1));
      expect(parsed.every((entry) => entry !== undefined)).toBe(true);
      if (repeats > 1) {
        const perRow = new Map<string, number[]>();
        for (const entry of parsed)
          if (entry !== undefined) perRow.set(entry.rowId, [...(perRow.get(entry.rowId) ?? []), entry.repeat ?? -1]);
        expect(perRow.size).toBe(rows);
        for (const indices of perRow.values()) expect(indices).toEqual(Array.from({ length: repeats }, (_, index) => index));
      }

      const sidecar = readJson(`${requests}.shopeval.json`);
      const liveManifest = readJson(join(liveOut, 'manifest.json'));
      const livePrompt = liveManifest['prompt'] as Record<string, unknown>;
      expect(sidecar['schema_version']).toBe(2);
      expect(sidecar['prompt']).toMatchObject({
        ...(repeats > 1 ? { repeats } : {}),
        fewShot: { source: DEV_SET, sha256: (livePrompt['few_shot'] as { sha256: string }).sha256 },
      });

      const output = join(directory, 'output.jsonl');
      const errors = join(directory, 'errors.jsonl');
      await runBatchFile({ requests, baseURL: `${server.url}/v1`, output, errors, engine });
      const result = await ingest(directory, output, requests, 'ingested', ['--errors', errors]);
      expect(result.stderr).not.toMatch(/unexpected error/);
      expect(result.status).toBe(0);
      const ingested = join(directory, 'ingested');
      // the summary is byte for byte the live run's (it holds no timing or run-specific field)
      expect(readFileSync(join(ingested, 'summary.json'), 'utf8')).toBe(readFileSync(join(liveOut, 'summary.json'), 'utf8'));
      const items = readItems(ingested);
      expect(items).toEqual(readItems(liveOut));
      expect(items.every((item) => (item.few_shot?.length ?? 0) > 0)).toBe(true);
      if (repeats > 1) expect(new Set(items.map((item) => item.output === '')).size).toBe(2); // the repeats' seeds answered apart
      const manifest = readJson(join(ingested, 'manifest.json'));
      for (const field of ['prompt', 'dataset', 'filters', 'profile', 'counts']) expect(manifest[field]).toEqual(liveManifest[field]);
    },
    180_000,
  );

  it('refuses results of other repeats, a changed template or few-shot source, and repeat flags at ingest', async () => {
    const directory = temporaryDirectory('batch-prompt-mismatch');
    const template = join(directory, 'template.txt');
    copyFileSync(TEXT_TEMPLATE, template);
    const source = join(directory, 'few-shot.jsonl');
    copyFileSync(DEV_SET, source);
    const flags = ['--prompt-template', template, '--few-shot', '1', '--few-shot-source', source, '--repeats', '2'];
    const requests = join(directory, 'requests.jsonl');
    await exportTo(requests, flags);
    const output = join(directory, 'output.jsonl');
    await runBatchFile({ requests, baseURL: `${server.url}/v1`, output, engine: 'vllm' });

    // the results of a 3-repeat export: repeats 0 and 1 are this export's requests, repeat 2 none of them
    const moreRequests = join(directory, 'more.jsonl');
    await exportTo(moreRequests, [...flags.slice(0, -1), '3']);
    const moreOutput = join(directory, 'more-output.jsonl');
    await runBatchFile({ requests: moreRequests, baseURL: `${server.url}/v1`, output: moreOutput, engine: 'vllm' });
    const firstThird = lines(moreOutput).findIndex((line) => String(line['custom_id']).includes('~r2~')) + 1;
    const more = await ingest(directory, moreOutput, requests, 'more');
    expect(more.status).toBe(2);
    expect(more.stderr).toContain(`${moreOutput}:${firstThird}: custom_id`);
    expect(more.stderr).toContain('is not one of the exported requests');

    // settings are the export's: a repeat flag at ingest is refused
    const flagged = await ingest(directory, output, requests, 'flagged', ['--repeats', '3', '--few-shot-seed', '9']);
    expect(flagged.status).toBe(2);
    expect(flagged.stderr).toContain('drop --few-shot-seed, --repeats');

    // a moved few-shot source is found with --few-shot-source and checked by content
    const moved = join(directory, 'moved.jsonl');
    copyFileSync(source, moved);
    const relocated = await ingest(directory, output, requests, 'relocated', ['--few-shot-source', moved]);
    expect(relocated.status).toBe(0);
    const changedSource = join(directory, 'changed.jsonl');
    writeFileSync(changedSource, readFileSync(source, 'utf8').split('\n').slice(1).join('\n'));
    const otherSource = await ingest(directory, output, requests, 'other-source', ['--few-shot-source', changedSource]);
    expect(otherSource.status).toBe(2);
    expect(otherSource.stderr).toContain(`${requests}.shopeval.json: field prompt.fewShot.sha256: the few-shot source ${changedSource}`);

    // a template edited after the export
    writeFileSync(template, `Edited. ${readFileSync(template, 'utf8')}`);
    const edited = await ingest(directory, output, requests, 'edited');
    expect(edited.status).toBe(2);
    expect(edited.stderr).toContain(`${requests}.shopeval.json: field prompt.template: ${template} is not the template`);

    for (const out of ['more', 'flagged', 'other-source', 'edited'])
      expect(() => readFileSync(join(directory, out, 'manifest.json'))).toThrow();
  }, 180_000);

  it("library: exportBatch takes runEvaluation's prompt options, and both refuse a misspelt option", async () => {
    const directory = temporaryDirectory('batch-prompt-library');
    const out = join(directory, 'requests.jsonl');
    const outcome = await exportBatch({
      data: DEV_SET,
      filter: { tasks: ['task2'] },
      model: 'm',
      out,
      prompt: { templatePreset: 'plain', repeats: 2 },
    });
    const ids = lines(out).map((line) => String(line['custom_id']));
    expect(ids).toHaveLength(outcome.manifest.requests);
    expect(ids.filter((id) => id.includes('~r0~'))).toHaveLength(outcome.manifest.requests / 2); // each row twice
    expect(outcome.manifest.prompt).toMatchObject({
      repeats: 2,
      seed: 0,
      template: { source: 'preset:plain', kind: 'text', text: '{{input_field}}' },
    });
    expect(lines(out).every((line) => /~r[01]~[0-9a-f]{12}$/.test(String(line['custom_id'])))).toBe(true);
    await expect(
      exportBatch({ data: DEV_SET, model: 'm', out: join(directory, 'x.jsonl'), prompt: { repeat: 2 } } as unknown as ExportBatchOptions),
    ).rejects.toThrow('options.prompt: unknown option "repeat"');
    await expect(
      ingestBatch({
        results: out,
        requests: out,
        data: DEV_SET,
        out: join(directory, 'run'),
        promptFile: {},
      } as unknown as IngestBatchOptions),
    ).rejects.toThrow('ingestBatch options: unknown option "promptFile"');
  });
});
