/**
 * Prints CPU embedding throughput (sentences/s at batch sizes 1, 8, 32) of random-weight models with the exact shapes
 * of all-MiniLM-L6-v2 (6 layers, hidden 384, 12 heads, vocabulary 30522, max_seq_length 256) and
 * paraphrase-multilingual-MiniLM-L12-v2 (12 layers, vocabulary 250037, max_seq_length 128), and the end-to-end time
 * of scoring the dev set's sent-transformer rows (model load, cold cache, warm cache).
 * The models are generated into a temporary directory by fixtures/generators/make-tiny-encoder.py (Debian python3-onnx + numpy)
 * and use the tiny fixture's WordPiece tokenizer: the encoder's cost is the real one, tokenization is BERT's.
 * Run: npx tsc -p tsconfig.build.json && node dist/benchmarks/perf/embedding-throughput.js
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCachedEmbedder } from '../../src/embeddings/embedding-cache';
import { createLocalEmbedder } from '../../src/embeddings/local-embedder';
import { SEMANTIC_MODEL_PROFILES } from '../../src/embeddings/model-profiles';
import { embedAndScore } from '../../src/scoring/metrics/semantic-scores';
import type { SemanticMetric } from '../../src/scoring/types';

const ROOT = join(__dirname, '..', '..', '..');
const SHAPES: Record<SemanticMetric, string> = { 'sent-transformer': 'minilm-l6', 'multilingual-sent-transformer': 'minilm-l12' };
const BATCH_SIZES = [1, 8, 32] as const;
const SENTENCE_COUNT = 96;

interface DevRow {
  readonly input_field: string;
  readonly output_field: unknown;
  readonly task_type: string;
  readonly metric: string;
}

function devRows(): DevRow[] {
  return readFileSync(join(ROOT, 'fixtures', 'datasets', 'shopbench-dev.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DevRow);
}

/** Two sets from the dev set's generation rows, repeated to SENTENCE_COUNT: the truths (short) and the prompts (long, truncated). */
function benchmarkSentences(rows: readonly DevRow[]): Record<'truths' | 'prompts', string[]> {
  const generation = rows.filter((row) => row.task_type === 'generation');
  const repeat = (texts: readonly string[]): string[] =>
    Array.from({ length: SENTENCE_COUNT }, (_, index) => texts[index % texts.length] ?? '');
  return {
    truths: repeat(generation.map((row) => (typeof row.output_field === 'string' ? row.output_field : JSON.stringify(row.output_field)))),
    prompts: repeat(generation.map((row) => row.input_field)),
  };
}

function generateModel(shape: string, directory: string): number {
  const started = performance.now();
  const result = spawnSync(
    '/usr/bin/python3',
    [
      join(ROOT, 'fixtures', 'generators', 'make-tiny-encoder.py'),
      '--tokenizer-json',
      join(ROOT, 'fixtures', 'models', 'tiny-encoder', 'tokenizer.json'),
      '--shape',
      shape,
      '--out',
      directory,
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`make-tiny-encoder.py --shape ${shape} failed`);
  return (performance.now() - started) / 1000;
}

async function throughput(metric: SemanticMetric, directory: string, label: string, sentences: readonly string[]): Promise<void> {
  const profile = SEMANTIC_MODEL_PROFILES[metric];
  for (const batchSize of BATCH_SIZES) {
    const embedder = await createLocalEmbedder({
      model: directory,
      normalize: profile.normalize,
      maxSeqLength: profile.maxSeqLength,
      localFilesOnly: true,
      batchSize,
    });
    await embedder.embed(sentences.slice(0, 8)); // warm-up: first-run allocations
    const started = performance.now();
    await embedder.embed(sentences);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${metric.padEnd(30)} ${label.padEnd(8)} batch ${String(batchSize).padStart(2)}: ${(sentences.length / seconds).toFixed(1).padStart(7)} sentences/s`,
    );
    await embedder.dispose();
  }
}

async function endToEnd(directory: string, rows: readonly DevRow[]): Promise<void> {
  const items = rows
    .filter((row) => row.metric === 'sent-transformer' && typeof row.output_field === 'string')
    .map((row) => {
      const truth = row.output_field as string;
      return { generation: truth.slice(0, Math.ceil(truth.length / 2)), truth }; // half an answer: a non-trivial score
    });
  const cache = mkdtempSync(join(tmpdir(), 'shopeval-embedding-cache-'));
  try {
    let started = performance.now();
    const profile = SEMANTIC_MODEL_PROFILES['sent-transformer'];
    const local = await createLocalEmbedder({
      model: directory,
      normalize: profile.normalize,
      maxSeqLength: profile.maxSeqLength,
      localFilesOnly: true,
    });
    const load = (performance.now() - started) / 1000;
    const cached = createCachedEmbedder(local, { directory: cache, identity: 'benchmark' });
    started = performance.now();
    await embedAndScore(items, cached);
    const cold = (performance.now() - started) / 1000;
    started = performance.now();
    await embedAndScore(items, cached);
    const warm = (performance.now() - started) / 1000;
    console.log(
      `dev set sent-transformer rows (${items.length}): model load ${load.toFixed(2)} s, scoring cold ${(cold * 1000).toFixed(1)} ms, warm (cache) ${(warm * 1000).toFixed(1)} ms`,
    );
    await local.dispose();
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rows = devRows();
  const sentences = benchmarkSentences(rows);
  for (const metric of ['sent-transformer', 'multilingual-sent-transformer'] as const) {
    const directory = mkdtempSync(join(tmpdir(), `shopeval-${SHAPES[metric]}-`));
    try {
      const seconds = generateModel(SHAPES[metric], directory);
      console.log(`${metric}: random-weight ${SHAPES[metric]} model generated in ${seconds.toFixed(1)} s`);
      await throughput(metric, directory, 'truths', sentences.truths);
      await throughput(metric, directory, 'prompts', sentences.prompts);
      if (metric === 'sent-transformer') await endToEnd(directory, rows);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
