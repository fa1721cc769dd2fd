/**
 * Prints `runEvaluation` throughput against a local fake OpenAI-compatible server, with the stack the CLI uses by
 * default (response cache in a fresh temporary directory -> concurrency limit -> retry -> timeout -> real openai client):
 *  1. 5,000 items, zero latency, concurrency 1 / 8 / 32 / 64: items/s for the whole process (node start-up, loading,
 *     answering, scoring, writing), end to end of runEvaluation and in the answering phase, peak RSS;
 *  2. 5,000 items at a fixed 100 ms latency at concurrency 64: wall time / ideal (items x 0.1 s / 64), and a timeline
 *     of that run (run-timeline.ts): what happens before the first request and after the last, calls in flight.
 * Targets (README): >= 3,000 items/s whole process at concurrency 32-64 with peak RSS < 150 MiB; ratio <= 1.05.
 * Each level runs in a fresh child process (so peak RSS is that level's), the fake in another; the datasets are
 * written once by this parent process (generating them is the benchmark's work, not the run's).
 * Run: npm run build && node dist/benchmarks/perf/run-throughput.js [--concurrency 8,32,64] [--zero-latency-only] [--cpu-prof-dir DIR]
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROBE_ITEMS } from '../../src/pipeline/behaviour-probe';
import { DEFAULT_MAX_TOKENS } from '../../src/pipeline/prompt-settings';
import { runEvaluation } from '../../src/pipeline/run-evaluation';
import type { RunEvent } from '../../src/pipeline/run-event';
import { describeTimeline, type RunMarks } from './run-timeline';
import { verdict, type Target } from './target-verdict';

const ITEMS_PER_SECOND: Target = { comparison: '>=', limit: 3000, unit: 'items/s' };
const PEAK_RSS: Target = { comparison: '<', limit: 150, unit: 'MiB' };
const IDEAL_RATIO: Target = { comparison: '<=', limit: 1.05, unit: 'x the ideal' };

const DEV_SET = join(__dirname, '..', '..', '..', 'fixtures', 'datasets', 'shopbench-dev.jsonl');
const LEVEL_FLAG = '--level';

interface Level {
  readonly items: number;
  readonly concurrency: number;
  readonly latencyMs: number;
}

/** What the child process is told: the level, the dataset the parent wrote for it and the fake's URL. */
interface LevelTask extends Level {
  readonly data: string;
  readonly url: string;
}

interface LevelResult {
  /** From node's start to the end of runEvaluation (process.uptime()). */
  readonly wholeProcessSeconds: number;
  readonly endToEndSeconds: number;
  readonly answeringSeconds: number;
  readonly peakRssMb: number;
  /** User + system CPU of the whole process: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
  readonly marks: RunMarks;
}

/** The dev set repeated to `count` rows, each with its own id and prompt (so the response cache cannot answer a repeat). */
function writeBenchmarkDataset(directory: string, count: number): string {
  const rows = readFileSync(DEV_SET, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const lines: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const row = rows[index % rows.length] ?? {};
    lines.push(JSON.stringify({ ...row, id: `bench-${index}`, input_field: `Item ${index}.\n${String(row['input_field'])}` }));
  }
  const path = join(directory, `bench-${count}.jsonl`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Runs in the child: one level, end to end, with a fresh run directory and a fresh cache directory. */
async function measureLevel(level: LevelTask): Promise<LevelResult> {
  const directory = mkdtempSync(join(tmpdir(), 'shopeval-bench-'));
  const phase = { start: 0, end: 0 };
  const reporter = (event: RunEvent): void => {
    if (event.type === 'progress-start') phase.start = performance.now();
    else if (event.type === 'progress-end') phase.end = performance.now();
  };
  const processStart = Date.now() - process.uptime() * 1000;
  const started = performance.now();
  const runStart = Date.now();
  await runEvaluation({
    data: level.data,
    provider: { provider: 'openai-compatible', model: 'fake-model', baseURL: `${level.url}/v1`, environment: {} },
    profile: 'kddcup2024',
    out: join(directory, 'run'),
    prompt: { temperature: 0, maxTokens: DEFAULT_MAX_TOKENS },
    concurrency: level.concurrency,
    timeoutMs: 60_000,
    retry: { maxAttempts: 8 },
    cache: { directory: join(directory, 'cache'), cacheOnly: false },
    reporter,
  });
  return {
    marks: { processStart, runStart, runEnd: Date.now() },
    wholeProcessSeconds: process.uptime(),
    endToEndSeconds: (performance.now() - started) / 1000,
    answeringSeconds: (phase.end - phase.start) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: cpuSeconds(),
  };
}

/**
 * Runs one level in a fresh node process (optionally under --cpu-prof) against a fake started here, in a third process;
 * returns the child's result and the arrival time of every generation call at the fake.
 */
async function runLevel(
  level: Level & { readonly data: string },
  cpuProfileDirectory: string | undefined,
): Promise<LevelResult & { arrivals: number[] }> {
  const timelineFile = join(mkdtempSync(join(tmpdir(), 'shopeval-bench-fake-')), 'arrivals.json');
  const fake = spawn(process.execPath, [join(__dirname, 'fake-server-process.js'), String(level.latencyMs), timelineFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [chunk] = (await once(fake.stdout, 'data')) as [Buffer];
    const task: LevelTask = { ...level, url: chunk.toString().trim() };
    const profiling = cpuProfileDirectory === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDirectory}`];
    const output = execFileSync(process.execPath, [...profiling, __filename, LEVEL_FLAG, JSON.stringify(task)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as LevelResult;
    const exited = once(fake, 'exit');
    fake.kill('SIGTERM');
    await exited;
    return { ...result, arrivals: JSON.parse(readFileSync(timelineFile, 'utf8')) as number[] };
  } finally {
    if (fake.exitCode === null) fake.kill('SIGKILL');
  }
}

function describe(label: string, level: Level, result: LevelResult): string {
  const rate = (seconds: number): string => `${(level.items / seconds).toFixed(0)} items/s`;
  // the targets hold at concurrency 32-64 and zero latency (README); other levels print their figures only
  const targeted = level.latencyMs === 0 && level.concurrency >= 32;
  const wholeRate = level.items / result.wholeProcessSeconds;
  return (
    `${label}: ${level.items} items, concurrency ${level.concurrency}, latency ${level.latencyMs} ms: ` +
    `whole process ${result.wholeProcessSeconds.toFixed(2)} s (${rate(result.wholeProcessSeconds)}${targeted ? `, ${verdict(wholeRate, ITEMS_PER_SECOND)}` : ''}); ` +
    `end to end ${result.endToEndSeconds.toFixed(2)} s (${rate(result.endToEndSeconds)}); answering ${result.answeringSeconds.toFixed(2)} s (${rate(result.answeringSeconds)}); ` +
    `peak RSS ${result.peakRssMb.toFixed(0)} MiB${targeted ? ` (${verdict(result.peakRssMb, PEAK_RSS)})` : ''}; CPU ${result.cpuSeconds.toFixed(2)} s (${((result.cpuSeconds * 1000) / level.items).toFixed(3)} ms per item)`
  );
}

async function main(): Promise<void> {
  const levelAt = process.argv.indexOf(LEVEL_FLAG);
  if (levelAt >= 0) {
    const result = await measureLevel(JSON.parse(process.argv[levelAt + 1] ?? '{}') as LevelTask);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const profileAt = process.argv.indexOf('--cpu-prof-dir');
  const cpuProfileDirectory = profileAt >= 0 ? process.argv[profileAt + 1] : undefined;
  const directory = mkdtempSync(join(tmpdir(), 'shopeval-bench-data-'));
  const data = writeBenchmarkDataset(directory, 5000);
  await runLevel({ items: 200, concurrency: 8, latencyMs: 0, data: writeBenchmarkDataset(directory, 200) }, undefined); // warm-up: disk caches
  for (const concurrency of levelsFromArguments()) {
    const level = { items: 5000, concurrency, latencyMs: 0, data };
    console.log(describe('zero latency', level, await runLevel(level, cpuProfileDirectory)));
  }
  if (process.argv.includes('--zero-latency-only')) return;
  const level = { items: 5000, concurrency: 64, latencyMs: 100, data };
  const result = await runLevel(level, cpuProfileDirectory);
  console.log(describe('fixed latency', level, result));
  const ideal = (level.items * 0.1) / level.concurrency;
  console.log(
    `fixed latency: ideal ${ideal.toFixed(2)} s; whole process ${result.wholeProcessSeconds.toFixed(2)} s = ratio ${(result.wholeProcessSeconds / ideal).toFixed(3)} (${verdict(result.wholeProcessSeconds / ideal, IDEAL_RATIO)}); end to end ${result.endToEndSeconds.toFixed(2)} s = ratio ${(result.endToEndSeconds / ideal).toFixed(3)}; ` +
      `answering ${result.answeringSeconds.toFixed(2)} s = ratio ${(result.answeringSeconds / ideal).toFixed(3)}`,
  );
  for (const line of describeTimeline(result.marks, result.arrivals, { latencyMs: 100, concurrency: 64, probeCalls: PROBE_ITEMS }))
    console.log(line);
  console.log(
    `load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')} on ${cpus().length} cores: figures taken under load are upper bounds`,
  );
}

/** `--concurrency 8,32` runs those zero-latency levels only (a shorter run); default 1, 8, 32 and 64. */
function levelsFromArguments(): number[] {
  const at = process.argv.indexOf('--concurrency');
  if (at < 0) return [1, 8, 32, 64];
  return (process.argv[at + 1] ?? '')
    .split(',')
    .map(Number)
    .filter((value) => Number.isInteger(value) && value > 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
