/**
 * Prints seconds and peak RSS of the scale-out commands on a generated dataset (the dev set's rows repeated with new
 * ids): a single replay run, N shard runs and their merge (and whether the merged summary.json equals the single
 * run's byte for byte), a batch export, and the ingest of a results file answering every exported request.
 * Each command runs in its own process under /usr/bin/time. Target: like run, 1M rows under 300 MiB.
 * Run: npm run build && node dist/benchmarks/perf/shard-batch-scale.js [--rows 100000] [--shards 4] [--without-jp-bleu] [--batch-only]
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'shopeval.js');
const DEV_SET = join(ROOT, 'fixtures', 'datasets', 'shopbench-dev.jsonl');
const ANSWERS: Readonly<Record<string, string>> = {
  'multiple-choice': '2',
  retrieval: '1, 3, 5',
  ranking: '1, 3, 2, 5, 4',
  named_entity_recognition: "['cotton']",
};

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

async function writeLines(path: string, lines: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  for await (const line of lines) if (!stream.write(line + '\n')) await once(stream, 'drain');
  stream.end();
  await once(stream, 'finish');
}

async function generate(directory: string, count: number): Promise<{ data: string; predictions: string }> {
  const rows = readFileSync(DEV_SET, 'utf8')
    .split('\n')
    .filter((text) => text.trim() !== '')
    .map((text) => JSON.parse(text) as Record<string, unknown>)
    .filter((row) => !process.argv.includes('--without-jp-bleu') || row['metric'] !== 'jp-bleu');
  const rowAt = (index: number): Record<string, unknown> => rows[index % rows.length] ?? {};
  const answer = (index: number): string => ANSWERS[String(rowAt(index)['task_type'])] ?? `A comfortable cotton shirt, item ${index}`;
  const indices = (): number[] => Array.from({ length: count }, (_unused, index) => index);
  const data = join(directory, 'data.jsonl');
  const predictions = join(directory, 'predictions.jsonl');
  await writeLines(
    data,
    indices().map((index) =>
      JSON.stringify({ ...rowAt(index), id: `bench-${index}`, input_field: `Item ${index}.\n${String(rowAt(index)['input_field'])}` }),
    ),
  );
  await writeLines(
    predictions,
    indices().map((index) => JSON.stringify({ id: `bench-${index}`, output: answer(index) })),
  );
  return { data, predictions };
}

/** An OpenAI Batch output line answering each exported request (as vLLM run_batch writes it). */
async function* resultsFor(requests: string): AsyncGenerator<string> {
  let index = 0;
  for await (const text of createInterface({ input: createReadStream(requests), crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    const line = JSON.parse(text) as { custom_id: string; body: { model: string } };
    index += 1;
    const body = {
      id: `chatcmpl-${index}`,
      object: 'chat.completion',
      created: 0,
      model: line.body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: String(index % 4) }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 },
    };
    yield JSON.stringify({
      id: `vllm-${index}`,
      custom_id: line.custom_id,
      response: { status_code: 200, request_id: `vllm-batch-${index}`, body },
      error: null,
    });
  }
}

function measure(label: string, args: readonly string[]): void {
  const timing = join(tmpdir(), `shopeval-time-${process.pid}.txt`);
  let exit = 0;
  try {
    execFileSync('/usr/bin/time', ['-f', '%e %M', '-o', timing, process.execPath, BIN, ...args, '--embedding-backend', 'none'], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
  } catch (error) {
    exit = (error as { status?: number }).status ?? 1;
  }
  const [seconds, kib] = readFileSync(timing, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  console.log(
    `${label.padEnd(24)} ${(seconds ?? Number.NaN).toFixed(1).padStart(7)}  ${((kib ?? Number.NaN) / 1024).toFixed(0).padStart(12)}  ${exit}`,
  );
}

async function main(): Promise<void> {
  const count = Number(flag('--rows', '100000'));
  const shards = Number(flag('--shards', '4'));
  const directory = mkdtempSync(join(tmpdir(), 'shopeval-shard-batch-'));
  try {
    const { data, predictions } = await generate(directory, count);
    console.log(`${count} rows, ${shards} shards (a shared machine: timings are noisy)`);
    console.log('command                  seconds  peak RSS MiB  exit');
    if (!process.argv.includes('--batch-only')) {
      const replay = ['--data', data, '--provider', 'replay', '--predictions', predictions, '--no-cache'];
      measure('run (single)', ['run', ...replay, '--out', join(directory, 'single')]);
      const shardDirectories = Array.from({ length: shards }, (_unused, index) => join(directory, `shard-${index}`));
      for (const [index, out] of shardDirectories.entries())
        measure(`run --shard ${index}/${shards}`, ['run', ...replay, '--shard', `${index}/${shards}`, '--out', out]);
      measure('merge', ['merge', ...shardDirectories, '--out', join(directory, 'merged')]);
      const same =
        readFileSync(join(directory, 'merged', 'summary.json'), 'utf8') === readFileSync(join(directory, 'single', 'summary.json'), 'utf8');
      console.log(`merged summary.json equals the single run's byte for byte: ${same ? 'yes' : 'NO'}`);
    }
    const requests = join(directory, 'requests.jsonl');
    measure('batch export', ['batch', 'export', '--data', data, '--model', 'bench-model', '--out', requests]);
    const results = join(directory, 'results.jsonl');
    await writeLines(results, resultsFor(requests));
    measure('batch ingest', ['batch', 'ingest', results, '--requests', requests, '--data', data, '--out', join(directory, 'ingested')]);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
