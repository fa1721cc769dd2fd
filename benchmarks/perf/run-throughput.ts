/**
 * Prints end-to-end `runEvaluation` throughput against a local fake OpenAI-compatible server:
 *  1. 5,000 items, zero latency, concurrency 1 / 8 / 64: items/s and peak RSS;
 *  2. a fixed 100 ms latency at concurrency 64: wall time / ideal (items x 0.1 s / 64).
 * The fake runs in a child process. Run: npx tsc -p tsconfig.build.json && node dist/benchmarks/perf/run-throughput.js
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_TOKENS } from '../../src/pipeline/prompt-settings';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const DEV_SET = join(__dirname, '..', '..', '..', 'fixtures', 'datasets', 'shopbench-dev.jsonl');

/** The dev set repeated to `count` rows, each with its own id (and without the semantic metrics, which need a model). */
function writeBenchmarkDataset(directory: string, count: number): string {
  const rows = readFileSync(DEV_SET, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  const lines: string[] = [];
  for (let index = 0; index < count; index += 1) lines.push(JSON.stringify({ ...rows[index % rows.length], id: `bench-${index}` }));
  const path = join(directory, `bench-${count}.jsonl`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

async function measure(label: string, items: number, concurrency: number, latencyMs: number): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), 'shopeval-bench-'));
  const data = writeBenchmarkDataset(directory, items);
  const fake = spawn(process.execPath, [join(__dirname, 'fake-server-process.js'), String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(fake.stdout, 'data')) as [Buffer];
  const url = chunk.toString().trim();
  const started = performance.now();
  const phase = { start: 0, end: 0 };
  const progress = { start: () => (phase.start = performance.now()), itemDone: () => undefined, finish: () => (phase.end = performance.now()) };
  try {
    await runEvaluation({
      data,
      provider: { provider: 'openai-compatible', model: 'fake-model', baseURL: `${url}/v1`, environment: {} },
      profile: 'kddcup2024',
      out: join(directory, 'run'),
      prompt: { temperature: 0, maxTokens: DEFAULT_MAX_TOKENS },
      concurrency,
      timeoutMs: 60_000,
      retry: { maxAttempts: 8 },
      progress,
    });
  } finally {
    fake.kill('SIGTERM');
  }
  const seconds = (performance.now() - started) / 1000;
  const answering = (phase.end - phase.start) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${label}: ${items} items, concurrency ${concurrency}, latency ${latencyMs} ms: end to end ${seconds.toFixed(2)} s (${(items / seconds).toFixed(0)} items/s); ` +
      `answering phase ${answering.toFixed(2)} s (${(items / answering).toFixed(0)} items/s); peak RSS ${rssMb.toFixed(0)} MB`,
  );
  return answering;
}

async function main(): Promise<void> {
  await measure('warm-up', 200, 8, 0);
  for (const concurrency of [1, 8, 64]) await measure('zero latency', 5000, concurrency, 0);
  const items = 2560;
  const seconds = await measure('fixed latency', items, 64, 100);
  const ideal = (items * 0.1) / 64;
  console.log(`fixed latency: answering wall ${seconds.toFixed(2)} s / ideal ${ideal.toFixed(2)} s = ratio ${(seconds / ideal).toFixed(3)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
