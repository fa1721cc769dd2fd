/**
 * Kills `shopeval run` with SIGKILL part-way through a generated dataset (default 100k rows) against a local fake
 * endpoint, resumes it, and prints: rows answered before the kill, requests made on resume (should be the rest, never
 * more), seconds, and whether summary.json equals an uninterrupted run's (it must: resume is exact).
 * Run: npm run build && node dist/benchmarks/perf/kill-resume.js [--rows 100000] [--kill-after-ms 8000]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'shopeval.js');
const DEV_SET = join(ROOT, 'fixtures', 'datasets', 'shopbench-dev.jsonl');

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

async function writeDataset(path: string, count: number): Promise<void> {
  const rows = readFileSync(DEV_SET, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const stream = createWriteStream(path);
  for (let index = 0; index < count; index += 1) {
    const row = rows[index % rows.length] ?? {};
    if (!stream.write(JSON.stringify({ ...row, id: `k-${index}`, input_field: `Item ${index}.\n${String(row['input_field'])}` }) + '\n'))
      await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

function lines(path: string): number {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '').length;
  } catch {
    return 0;
  }
}

async function run(args: readonly string[], killAfterMs?: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await once(child, 'exit');
  if (timer !== undefined) clearTimeout(timer);
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const count = flag('--rows', 100_000);
  const killAfterMs = flag('--kill-after-ms', 8000);
  const directory = mkdtempSync(join(tmpdir(), 'shopeval-kill-'));
  const fake = spawn(process.execPath, [join(__dirname, 'fake-server-process.js'), '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [chunk] = (await once(fake.stdout, 'data')) as [Buffer];
    const url = `${chunk.toString().trim()}/v1`;
    const data = join(directory, 'data.jsonl');
    await writeDataset(data, count);
    const common = [
      'run',
      '--data',
      data,
      '--provider',
      'openai-compatible',
      '--base-url',
      url,
      '--model',
      'fake-model',
      '--api-key',
      'none',
      '--no-cache',
      '--concurrency',
      '32',
    ];
    const killed = join(directory, 'killed');
    const whole = join(directory, 'whole');
    await run([...common, '--out', killed], killAfterMs);
    const before = lines(join(killed, 'responses.jsonl'));
    const resumeSeconds = await run([...common, '--out', killed]);
    const after = lines(join(killed, 'responses.jsonl'));
    const wholeSeconds = await run([...common, '--out', whole]);
    const same =
      readFileSync(join(killed, 'summary.json'), 'utf8').replace(/"path": "[^"]*"/g, '') ===
      readFileSync(join(whole, 'summary.json'), 'utf8').replace(/"path": "[^"]*"/g, '');
    console.log(`rows ${count}; killed (SIGKILL) after ${killAfterMs} ms with ${before} answers logged`);
    console.log(
      `resume: ${after - before} requests (rest: ${count - before}), ${resumeSeconds.toFixed(1)} s; uninterrupted run ${wholeSeconds.toFixed(1)} s`,
    );
    console.log(`summary.json identical to the uninterrupted run's: ${same}   (a shared machine: timings are noisy)`);
  } finally {
    fake.kill('SIGTERM');
    rmSync(directory, { recursive: true, force: true });
  }
}

void main();
