/**
 * Prints how a replica pool scales: `runEvaluation` over 1, 2 and 4 local fake OpenAI-compatible replicas (each its
 * own process) answering after a fixed 100 ms, --concurrency 8 per replica: items/s of the answering phase and its
 * ratio to the ideal (replicas x concurrency / latency). Then a run over 2 replicas with one killed (SIGKILL) a third
 * of the way through: items lost, API errors, and whether its summary equals the clean 2-replica run's.
 * Run: npm run build && node dist/benchmarks/perf/replica-pool.js [--items 600]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_TOKENS } from '../../src/pipeline/prompt-settings';
import { runEvaluation, type RunOutcome } from '../../src/pipeline/run-evaluation';
import type { RunEvent } from '../../src/pipeline/run-event';

const DEV_SET = join(__dirname, '..', '..', '..', 'fixtures', 'datasets', 'shopbench-dev.jsonl');
const LATENCY_MS = 100;
const CONCURRENCY = 8;

interface Replica {
  readonly url: string;
  readonly process: ChildProcess;
}

/** The dev set repeated to `count` rows, each with its own id and prompt. */
function writeDataset(directory: string, count: number): string {
  const rows = readFileSync(DEV_SET, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const lines = Array.from({ length: count }, (_, index) => {
    const row = rows[index % rows.length] ?? {};
    return JSON.stringify({ ...row, id: `pool-${index}`, input_field: `Item ${index}.\n${String(row['input_field'])}` });
  });
  const path = join(directory, `pool-${count}.jsonl`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

async function startReplica(): Promise<Replica> {
  const child = spawn(process.execPath, [join(__dirname, 'fake-server-process.js'), String(LATENCY_MS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return { url: chunk.toString().trim(), process: child };
}

interface Measured {
  readonly outcome: RunOutcome;
  readonly answeringSeconds: number;
}

/** One run over the replicas; `onItem(done)` sees each answered item (the kill test uses it). */
async function measure(
  data: string,
  out: string,
  replicas: readonly Replica[],
  onItem: (done: number) => void = () => undefined,
): Promise<Measured> {
  const phase = { start: 0, end: 0, done: 0 };
  const outcome = await runEvaluation({
    data,
    provider: {
      provider: 'openai-compatible',
      model: 'fake-model',
      baseURL: replicas.map((replica) => `${replica.url}/v1`),
      environment: {},
    },
    profile: 'kddcup2024',
    out,
    prompt: { temperature: 0, maxTokens: DEFAULT_MAX_TOKENS },
    concurrency: CONCURRENCY,
    timeoutMs: 30_000,
    reporter: (event: RunEvent) => {
      if (event.type === 'progress-start') phase.start = performance.now();
      else if (event.type === 'item-end') onItem((phase.done += 1));
      else if (event.type === 'progress-end') phase.end = performance.now();
      else if (event.type === 'notice' || event.type === 'warning') console.log(`  note: ${event.message}`);
    },
  });
  return { outcome, answeringSeconds: (phase.end - phase.start) / 1000 };
}

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const items = argument('--items', 600);
  const directory = mkdtempSync(join(tmpdir(), 'shopeval-pool-bench-'));
  const data = writeDataset(directory, items);
  const replicas = await Promise.all([startReplica(), startReplica(), startReplica(), startReplica()]);
  try {
    let baseline = 0;
    let cleanSummary = '';
    for (const count of [1, 2, 4]) {
      const { answeringSeconds } = await measure(data, join(directory, `run-${count}`), replicas.slice(0, count));
      const rate = items / answeringSeconds;
      const ideal = (count * CONCURRENCY * 1000) / LATENCY_MS;
      if (count === 1) baseline = rate;
      if (count === 2) cleanSummary = readFileSync(join(directory, 'run-2', 'summary.json'), 'utf8');
      console.log(
        `${count} replica(s) x concurrency ${CONCURRENCY}, ${LATENCY_MS} ms latency, ${items} items: ${answeringSeconds.toFixed(2)} s answering, ` +
          `${rate.toFixed(1)} items/s; ideal ${ideal.toFixed(0)} items/s; ratio to ideal ${(rate / ideal).toFixed(3)}; speed-up over 1 replica ${(rate / baseline).toFixed(2)}x`,
      );
    }
    const victim = replicas[1];
    const killAt = Math.floor(items / 3);
    const killed = await measure(data, join(directory, 'run-killed'), replicas.slice(0, 2), (done) => {
      if (done === killAt) victim?.process.kill('SIGKILL');
    });
    const answered = killed.outcome.itemCount - killed.outcome.apiErrors;
    const equal = readFileSync(join(directory, 'run-killed', 'summary.json'), 'utf8') === cleanSummary;
    console.log(
      `2 replicas, one SIGKILLed after ${killAt} items: ${killed.answeringSeconds.toFixed(2)} s answering; ${answered} of ${items} answered, ` +
        `${items - answered} lost, ${killed.outcome.apiErrors} API errors; summary equals the clean 2-replica run's: ${equal ? 'yes' : 'NO'}`,
    );
    for (const figures of killed.outcome.manifest.replicas ?? []) console.log(`  ${JSON.stringify(figures)}`);
  } finally {
    for (const replica of replicas) replica.process.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
