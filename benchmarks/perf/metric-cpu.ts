/**
 * CPU per scored row, by metric: the profile's scoreItem (parser + metric) over the rows of a generated mixed set,
 * repeated, with nothing around it (no reading, hashing or writing). Shows which scorer the time goes to.
 * Run: npm run build && node dist/benchmarks/perf/metric-cpu.js [DIR] [repeats=5] [profile=kddcup2024]
 * (DIR: a set written by generate-mixed-set.js; without one, the set is generated into a temporary folder.)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMixedSet } from './generate-mixed-set';
import type { MetricName, TaskType, Truth } from '../../src/dataset/row';
import { getProfile } from '../../src/scoring/profiles';
import type { ScoringResources } from '../../src/scoring/profiles/scoring-profile';
import { loadJapaneseTokenizer } from '../../src/scoring/text/japanese-tokenizer';
import type { ScorableItem } from '../../src/scoring/types';

interface Case {
  readonly item: ScorableItem;
  readonly output: string;
}

function jsonLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The mixed set's rows grouped by metric, each with its prediction. */
function casesByMetric(directory: string): Map<string, Case[]> {
  const outputs = new Map(jsonLines(join(directory, 'mixed-predictions.jsonl')).map((line) => [line['id'], String(line['output'])]));
  const byMetric = new Map<string, Case[]>();
  for (const row of jsonLines(join(directory, 'mixed.jsonl'))) {
    const item: ScorableItem = {
      taskType: row['task_type'] as TaskType,
      metric: row['metric'] as MetricName,
      truth: row['output_field'] as Truth,
    };
    const cases = byMetric.get(item.metric) ?? [];
    cases.push({ item, output: outputs.get(row['id']) ?? '' });
    byMetric.set(item.metric, cases);
  }
  return byMetric;
}

function cpuMicroseconds(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

async function main(): Promise<void> {
  const given = process.argv[2];
  const scratch = given === undefined ? mkdtempSync(join(tmpdir(), 'shopeval-metric-cpu-')) : undefined;
  const directory = given ?? (scratch as string);
  if (scratch !== undefined) writeMixedSet(scratch);
  try {
    await measure(directory);
  } finally {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }
}

async function measure(directory: string): Promise<void> {
  const repeats = Number(process.argv[3] ?? 5);
  const profile = getProfile(process.argv[4] ?? 'kddcup2024');
  const byMetric = casesByMetric(directory);
  const resources: ScoringResources = byMetric.has('jp-bleu') ? { japanese: await loadJapaneseTokenizer() } : {};
  let checksum = 0;
  let totalMicroseconds = 0;
  let totalRows = 0;
  for (const [metric, cases] of byMetric) {
    // one untimed pass warms the JIT, then the median of the timed passes
    for (const { item, output } of cases) profile.scoreItem(item, output, resources);
    const passes: number[] = [];
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      const started = cpuMicroseconds();
      for (const { item, output } of cases) {
        const { score } = profile.scoreItem(item, output, resources);
        if (score.kind === 'value') checksum += score.value;
      }
      passes.push(cpuMicroseconds() - started);
    }
    const median = [...passes].sort((a, b) => a - b)[Math.floor(passes.length / 2)] ?? 0;
    totalMicroseconds += median;
    totalRows += cases.length;
    console.log(
      `${metric.padEnd(12)} ${String(cases.length).padStart(6)} rows  ${(median / cases.length).toFixed(2).padStart(7)} us/row  ${(median / 1000).toFixed(1).padStart(7)} ms/pass`,
    );
  }
  console.log(
    `all          ${String(totalRows).padStart(6)} rows  ${(totalMicroseconds / totalRows).toFixed(2).padStart(7)} us/row  ${(totalMicroseconds / 1000).toFixed(1).padStart(7)} ms/pass  (checksum ${checksum})`,
  );
}

void main();
