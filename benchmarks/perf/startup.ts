/**
 * Prints whole-process time and peak RSS of the CLI as a user runs it (medians of interleaved runs):
 * `shopeval --help`, the dev set through the builtin lexical model (`run`), and `score` of the dev predictions,
 * `score` of a generated 26.6k-row mixed-metric file (generate-mixed-set.ts), and the Japanese dictionary's load time.
 * Targets (README): help < 0.25 s; dev set < 0.5 s and < 120 MiB; mixed file < 0.8 s and < 150 MiB; dictionary < 0.1 s.
 * Run: npm run build && node dist/benchmarks/perf/startup.js [--runs N]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMixedSet } from './generate-mixed-set';
import { verdict, type Target } from './target-verdict';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'shopeval.js');
const DEV_SET = join(ROOT, 'fixtures', 'datasets', 'shopbench-dev.jsonl');
const DEV_PREDICTIONS = join(ROOT, 'fixtures', 'predictions', 'dev-plausible.jsonl');

/** Each case's targets (README): whole-process seconds and peak RSS; the dictionary's are its in-process load. */
interface CaseTargets {
  readonly seconds?: Target;
  readonly peakMiB?: Target;
  readonly loadMs?: Target;
  readonly loadMiB?: Target;
}

const seconds = (limit: number): Target => ({ comparison: '<', limit, unit: 's' });
const mebibytes = (limit: number): Target => ({ comparison: '<', limit, unit: 'MiB' });

interface Sample {
  readonly seconds: number;
  readonly peakMiB: number;
  /** User + system CPU seconds: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
  /** What the process printed on stderr before GNU time's line (the dictionary case prints its load time). */
  readonly printed: string;
}

/** One process under GNU time (Debian's `time` package): wall seconds and peak RSS. */
function measureWithTime(args: readonly string[], environment: NodeJS.ProcessEnv): Sample {
  const timed = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, ...args], { env: environment, encoding: 'utf8' });
  if (timed.error !== undefined) throw new Error(`/usr/bin/time is needed (apt-get install time): ${timed.error.message}`);
  if (timed.status !== 0) throw new Error(`${args.join(' ')} exited ${timed.status}: ${timed.stderr}`);
  const lines = timed.stderr.trim().split('\n');
  const [seconds = 'NaN', kilobytes = 'NaN', user = 'NaN', system = 'NaN'] = (lines.pop() ?? '').split(' ');
  return {
    seconds: Number(seconds),
    peakMiB: Number(kilobytes) / 1024,
    cpuSeconds: Number(user) + Number(system),
    printed: lines.join('\n'),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function main(): void {
  const runsAt = process.argv.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 5;
  const work = mkdtempSync(join(tmpdir(), 'shopeval-startup-'));
  const environment = { ...process.env, XDG_CACHE_HOME: join(work, 'cache') };
  const mixed = writeMixedSet(join(work, 'mixed'));
  const cases: Record<string, (run: number) => string[]> = {
    'shopeval --help': () => [BIN, '--help'],
    'run dev set (builtin lexical)': (run) => [
      BIN,
      'run',
      '--data',
      DEV_SET,
      '--provider',
      'builtin',
      '--model',
      'lexical',
      '--no-cache',
      '--out',
      join(work, `run-${run}`),
    ],
    'score dev set': (run) => [BIN, 'score', '--data', DEV_SET, '--predictions', DEV_PREDICTIONS, '--out', join(work, `score-${run}`)],
    [`score ${mixed.rows}-row mixed file`]: (run) => [
      BIN,
      'score',
      '--data',
      mixed.data,
      '--predictions',
      mixed.predictions,
      '--out',
      join(work, `mixed-${run}`),
    ],
    'Japanese dictionary load': () => [
      '-e',
      `const r=process.memoryUsage().rss,t=performance.now();require(${JSON.stringify(join(ROOT, 'dist', 'src', 'scoring', 'text', 'japanese-tokenizer.js'))}).loadJapaneseTokenizer().then(()=>process.stderr.write(String(performance.now()-t)+' '+String((process.memoryUsage().rss-r)/1048576)+String.fromCharCode(10)))`,
    ],
  };
  // warm-up: the compact Japanese dictionary is built into the cache on first use, and disk caches fill
  for (const make of Object.values(cases)) measureWithTime(make(-1), environment);
  const samples = new Map<string, Sample[]>(Object.keys(cases).map((name) => [name, []]));
  for (let run = 0; run < runs; run += 1) {
    for (const [name, make] of Object.entries(cases)) samples.get(name)?.push(measureWithTime(make(run), environment));
  }
  const targets: Record<string, CaseTargets> = {
    'shopeval --help': { seconds: seconds(0.25) },
    'run dev set (builtin lexical)': { seconds: seconds(0.5), peakMiB: mebibytes(120) },
    'score dev set': { seconds: seconds(0.5), peakMiB: mebibytes(120) },
    [`score ${mixed.rows}-row mixed file`]: { seconds: seconds(0.8), peakMiB: mebibytes(150) },
    'Japanese dictionary load': { loadMs: { comparison: '<', limit: 100, unit: 'ms' }, loadMiB: mebibytes(30) },
  };
  for (const [name, list] of samples) {
    const wall = median(list.map((sample) => sample.seconds));
    const peak = median(list.map((sample) => sample.peakMiB));
    const cpu = median(list.map((sample) => sample.cpuSeconds));
    const printed = (field: number): number =>
      median(
        list.map((sample) => (sample.printed === '' ? Number.NaN : Number((sample.printed.split('\n').pop() ?? '').split(' ')[field]))),
      );
    const target = targets[name] ?? {};
    const beside = (value: number, wanted: Target | undefined): string => (wanted === undefined ? '' : ` (${verdict(value, wanted)})`);
    const loaded = Number.isFinite(printed(0))
      ? `; in-process load ${printed(0).toFixed(0)} ms${beside(printed(0), target.loadMs)}, RSS +${printed(1).toFixed(0)} MiB${beside(printed(1), target.loadMiB)}`
      : '';
    console.log(
      `${name}: whole process ${wall.toFixed(2)} s${beside(wall, target.seconds)}, peak RSS ${peak.toFixed(0)} MiB${beside(peak, target.peakMiB)}${loaded}; CPU ${cpu.toFixed(2)} s (median of ${list.length})`,
    );
  }
  console.log(
    `load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')} on ${cpus().length} cores: figures taken under load are upper bounds`,
  );
  rmSync(work, { recursive: true, force: true });
}

main();
