/**
 * Prints rows, seconds and peak RSS of `shopeval score` and `shopeval run` (replay, builtin lexical, a fast fake
 * OpenAI-compatible endpoint) on generated datasets of 100k and 1M rows (and 5M with --with-5m): the dev set's rows
 * repeated with new ids, and a predictions file answering each. Each command runs in its own process under
 * /usr/bin/time, so the peak RSS is the command's own. Targets (issue 11), printed beside each figure: up to 1M rows
 * under 300 MiB; time linear in rows (above 1M rows, seconds per row at most 1.15 x the same mode's at the largest
 * count up to 1M measured in the same invocation). CPU seconds (user + system) are printed too: load changes them less.
 * Run: npm run build && node dist/benchmarks/perf/dataset-scale.js [--rows 100000,1000000] [--with-5m] [--modes score,replay,builtin,endpoint]
 *   [--without-jp-bleu]  (leave out the dev set's jp-bleu rows: the Japanese dictionary alone holds about 300 MB)
 *   [--run-flags "--repeats 3 --few-shot 2 --few-shot-source fixtures/datasets/shopbench-dev.jsonl"]  (added to every `run` command)
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { meets, verdict, type Target } from './target-verdict';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'shopeval.js');
const DEV_SET = join(ROOT, 'fixtures', 'datasets', 'shopbench-dev.jsonl');
const MODES = ['score', 'replay', 'builtin', 'endpoint'] as const;
type Mode = (typeof MODES)[number];

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** A plausible raw answer for a row of this task type (so every parser and metric does real work). */
function answerFor(taskType: string, index: number): string {
  switch (taskType) {
    case 'multiple-choice':
      return String(index % 4);
    case 'retrieval':
      return `${index % 7}, ${(index + 1) % 7}, ${(index + 2) % 7}`;
    case 'ranking':
      return '1, 3, 2, 5, 4';
    case 'named_entity_recognition':
      return "['cotton', 'blue shirt']";
    default:
      return `A comfortable cotton shirt for everyday wear, item ${index}`;
  }
}

async function writeLines(path: string, count: number, line: (index: number) => string): Promise<void> {
  const stream = createWriteStream(path);
  for (let index = 0; index < count; index += 1) {
    if (!stream.write(line(index) + '\n')) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

async function generate(directory: string, count: number): Promise<{ data: string; predictions: string }> {
  const withoutJapanese = process.argv.includes('--without-jp-bleu');
  const rows = readFileSync(DEV_SET, 'utf8')
    .split('\n')
    .filter((text) => text.trim() !== '')
    .map((text) => JSON.parse(text) as Record<string, unknown>)
    // the Japanese dictionary alone holds about 300 MB once loaded: this measures the harness without it
    .filter((row) => !withoutJapanese || row['metric'] !== 'jp-bleu');
  const data = join(directory, `data-${count}.jsonl`);
  const predictions = join(directory, `predictions-${count}.jsonl`);
  const rowAt = (index: number): Record<string, unknown> => rows[index % rows.length] ?? {};
  await writeLines(data, count, (index) =>
    JSON.stringify({ ...rowAt(index), id: `bench-${index}`, input_field: `Item ${index}.\n${String(rowAt(index)['input_field'])}` }),
  );
  await writeLines(predictions, count, (index) =>
    JSON.stringify({ id: `bench-${index}`, output: answerFor(String(rowAt(index)['task_type']), index) }),
  );
  return { data, predictions };
}

const RSS_TARGET: Target = { comparison: '<', limit: 300, unit: 'MiB' };
/** Up to this many rows the RSS target applies; above it, the time-per-row target. */
const RSS_TARGET_ROWS = 1_000_000;
const LINEAR_SLACK = 1.15;

interface Measured {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rssMiB: number;
  readonly exit: number;
}

/** Runs the CLI under /usr/bin/time; returns wall and CPU (user + system) seconds and peak RSS in MiB. */
function measure(args: readonly string[]): Measured {
  const timing = join(tmpdir(), `shopeval-time-${process.pid}.txt`);
  let exit = 0;
  try {
    execFileSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', timing, process.execPath, BIN, ...args], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
  } catch (error) {
    exit = (error as { status?: number }).status ?? 1;
  }
  const [seconds, kib, user, system] = readFileSync(timing, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  return {
    seconds: seconds ?? Number.NaN,
    cpuSeconds: (user ?? Number.NaN) + (system ?? Number.NaN),
    rssMiB: (kib ?? Number.NaN) / 1024,
    exit,
  };
}

/** The figure's target verdict: peak RSS up to 1M rows, time per row against the mode's largest count up to 1M above it. */
function targetOf(count: number, result: Measured, reference: { count: number; result: Measured } | undefined): string {
  if (result.exit !== 0) return `exit ${result.exit}: NOT met`;
  if (count <= RSS_TARGET_ROWS) return `RSS ${verdict(result.rssMiB, RSS_TARGET)}`;
  if (reference === undefined) return `time per row: no count up to ${RSS_TARGET_ROWS.toLocaleString('en-US')} measured to compare with`;
  const perRow = (measured: Measured, rows: number): number => (measured.seconds / rows) * 1e6;
  const limit = perRow(reference.result, reference.count) * LINEAR_SLACK;
  const target: Target = { comparison: '<=', limit: Math.round(limit * 10) / 10, unit: 'us/row' };
  const cpuRatio = result.cpuSeconds / count / (reference.result.cpuSeconds / reference.count);
  const cpuMet = meets(cpuRatio, { comparison: '<=', limit: LINEAR_SLACK, unit: '' }) ? 'met' : 'NOT met';
  return `${perRow(result, count).toFixed(1)} us/row (${verdict(perRow(result, count), target)}; CPU per row ${cpuRatio.toFixed(2)} x ${reference.count.toLocaleString('en-US')} rows': ${cpuMet})`;
}

async function startFake(): Promise<{ url: string; stop: () => void }> {
  const fake = spawn(process.execPath, [join(__dirname, 'fake-server-process.js'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(fake.stdout, 'data')) as [Buffer];
  return { url: chunk.toString().trim(), stop: () => fake.kill('SIGTERM') };
}

function commandFor(mode: Mode, files: { data: string; predictions: string }, out: string, url: string | undefined): string[] {
  const common = [
    '--data',
    files.data,
    '--out',
    out,
    ...(mode === 'score' ? [] : (flag('--run-flags') ?? '').split(' ').filter((word) => word !== '')),
  ];
  switch (mode) {
    case 'score':
      return ['score', '--data', files.data, '--out', out, '--predictions', files.predictions];
    case 'replay':
      return ['run', ...common, '--provider', 'replay', '--predictions', files.predictions, '--no-cache'];
    case 'builtin':
      return ['run', ...common, '--provider', 'builtin', '--model', 'lexical', '--no-cache'];
    case 'endpoint':
      return [
        'run',
        ...common,
        '--provider',
        'openai-compatible',
        '--base-url',
        `${url ?? ''}/v1`,
        '--model',
        'fake-model',
        '--api-key',
        'none',
        '--no-cache',
        '--concurrency',
        '64',
      ];
  }
}

async function main(): Promise<void> {
  const counts = (flag('--rows') ?? '100000,1000000').split(',').map(Number);
  if (process.argv.includes('--with-5m')) counts.push(5_000_000);
  const modes = (flag('--modes') ?? MODES.join(',')).split(',') as Mode[];
  const fake = modes.includes('endpoint') ? await startFake() : undefined;
  console.log('rows      mode      seconds  CPU s  peak RSS MiB  load  target   (a shared machine: wall times are noisy, CPU less so)');
  const references = new Map<Mode, { count: number; result: Measured }>();
  try {
    for (const count of [...counts].sort((a, b) => a - b)) {
      const directory = mkdtempSync(join(tmpdir(), 'shopeval-scale-'));
      try {
        const files = await generate(directory, count);
        for (const mode of modes) {
          const result = measure(commandFor(mode, files, join(directory, `out-${mode}`), fake?.url));
          const load = loadavg()[0] ?? Number.NaN;
          console.log(
            `${String(count).padEnd(9)} ${mode.padEnd(9)} ${result.seconds.toFixed(1).padStart(7)} ${result.cpuSeconds.toFixed(1).padStart(6)}  ${result.rssMiB.toFixed(0).padStart(12)}  ${load.toFixed(1).padStart(4)}  ${targetOf(count, result, references.get(mode))}`,
          );
          if (count <= RSS_TARGET_ROWS && result.exit === 0) references.set(mode, { count, result });
          rmSync(join(directory, `out-${mode}`), { recursive: true, force: true });
        }
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    }
  } finally {
    fake?.stop();
  }
}

void main();
