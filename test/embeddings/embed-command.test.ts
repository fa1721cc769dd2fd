/**
 * @jest-environment ./test/embeddings/onnx-runtime-environment.js
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { commandModule } from '../../src/cli/command-definitions';
import { readEmbedArguments, runEmbed } from '../../src/cli/embed-command';
import { createTerminalReporter } from '../../src/cli/terminal-reporter';
import { addEmbeddingOptions, readEmbeddingFlags, toEmbeddingOptions } from '../../src/cli/embedding-options';
import type { EmbeddingArguments } from '../../src/cli/embedding-options';

const TINY = join(__dirname, '../../fixtures/models/tiny-encoder');
const expected = JSON.parse(readFileSync(join(TINY, 'expected-embeddings.json'), 'utf8')) as {
  sentences: string[];
  normalized: number[][];
};

function parseEmbeddingFlags(flags: string[]): EmbeddingArguments {
  return readEmbeddingFlags(addEmbeddingOptions(yargs(flags)).strict().parseSync());
}

describe('toEmbeddingOptions', () => {
  it('maps flags to per-metric and shared settings', () => {
    const options = toEmbeddingOptions(
      parseEmbeddingFlags([
        '--embedding-backend',
        'openai',
        '--multilingual-sent-transformer-backend',
        'local',
        '--multilingual-sent-transformer-model',
        '/m',
        '--embedding-base-url',
        'http://h/v1',
        '--embedding-api-key-env',
        'MY_KEY',
        '--embedding-batch-size',
        '8',
        '--no-embedding-cache',
        '--allow-model-download',
        '--embedding-model-dir',
        '/models',
      ]),
    );
    expect(options).toEqual({
      backend: 'openai',
      perMetric: { 'sent-transformer': {}, 'multilingual-sent-transformer': { backend: 'local', model: '/m' } },
      allowRemoteModels: true,
      allowOtherModel: false,
      batchSize: 8,
      cacheDirectory: false,
      modelRoot: '/models',
      openaiBaseURL: 'http://h/v1',
      apiKeyVariable: 'MY_KEY',
    });
  });

  it('leaves library defaults alone when no flag is given', () => {
    expect(toEmbeddingOptions(parseEmbeddingFlags([]))).toEqual({
      backend: 'local',
      perMetric: { 'sent-transformer': {}, 'multilingual-sent-transformer': {} },
      allowRemoteModels: false,
      allowOtherModel: false,
      batchSize: 32,
    });
  });
});

describe('shopeval embed', () => {
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(join(tmpdir(), 'shopeval-embed-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  async function run(flags: string[]): Promise<{ code: number; lines: string[]; reports: string[] }> {
    // the real command definition, with the handler (which writes to the process streams) left out
    const args = readEmbedArguments(
      await yargs(flags)
        .command({ ...commandModule('embed'), handler: () => undefined })
        .strict()
        .parse(),
    );
    const lines: string[] = [];
    const reports: string[] = [];
    // the terminal's rendering, each stream split into its lines
    const into = (list: string[]) => (text: string) => void list.push(...text.split('\n').filter((line) => line !== ''));
    const code = await runEmbed(args, createTerminalReporter({ stdout: into(lines), stderr: into(reports) }));
    return { code, lines, reports };
  }

  it('prints one JSON line per sentence with the local model', async () => {
    const sentences = expected.sentences.slice(0, 2);
    const { code, lines, reports } = await run([
      'embed',
      ...sentences,
      '--sent-transformer-model',
      TINY,
      '--allow-other-embedding-model',
      '--embedding-cache-dir',
      scratch,
    ]);
    expect(code).toBe(0);
    expect(reports).toEqual([`sent-transformer: local:${TINY}`]);
    const printed = lines.map((line) => JSON.parse(line) as { text: string; dimension: number; norm: number; embedding: number[] });
    expect(printed.map((entry) => entry.text)).toEqual(sentences);
    printed.forEach((entry, row) => {
      expect(entry.dimension).toBe(32);
      expect(entry.norm).toBeCloseTo(1, 6);
      entry.embedding.forEach((value, column) => expect(Math.abs(value - (expected.normalized[row]?.[column] ?? NaN))).toBeLessThan(1e-6));
    });
  });

  it('exits 2 with the instructions when no backend can produce the model', async () => {
    const { code, lines, reports } = await run([
      'embed',
      'x',
      '--metric',
      'multilingual-sent-transformer',
      '--embedding-model-dir',
      scratch,
      '--embedding-backend',
      'ollama',
      '--ollama-host',
      'http://127.0.0.1:9',
    ]);
    expect(code).toBe(2);
    expect(lines).toEqual([]);
    expect(reports[0]).toMatch(/^multilingual-sent-transformer: Ollama publishes no/);
  });
});
