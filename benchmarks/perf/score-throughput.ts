/**
 * Scorer throughput: items per second of parse + metric + aggregation on a large generated set spanning every
 * lexical metric. Run: npm run build && node dist/benchmarks/perf/score-throughput.js [items=100000] [profile=kddcup2024]
 */
import type { Dataset } from '../../src/dataset/load-dataset';
import type { MetricName, ShopBenchRow, TaskType, Truth } from '../../src/dataset/row';
import { scoreOutputs, type ItemOutput } from '../../src/pipeline/score-outputs';
import { PROFILE_NAMES, type ProfileName } from '../../src/scoring/types';

const WORDS = 'comfortable soft cotton shirt great value money fits size large blue running shoes waterproof jacket kids'.split(' ');

interface Template {
  readonly taskType: TaskType;
  readonly metric: MetricName;
  truth(index: number): Truth;
  output(index: number): string;
}

const sentence = (index: number, length: number): string =>
  Array.from({ length }, (_, offset) => WORDS[(index * 7 + offset * 3) % WORDS.length]).join(' ');

const TEMPLATES: readonly Template[] = [
  { taskType: 'multiple-choice', metric: 'accuracy', truth: (i) => i % 4, output: (i) => `${(i * 3) % 4}. some option` },
  {
    taskType: 'retrieval',
    metric: 'hit rate@3',
    truth: (i) => [i % 15, (i + 3) % 15, (i + 7) % 15],
    output: (i) => `${i % 15}, ${(i + 1) % 15}, ${(i + 7) % 15}`,
  },
  { taskType: 'ranking', metric: 'ndcg', truth: () => [1, 0.01, 0.1, 1, 0], output: (i) => (i % 2 ? '1, 4, 3, 2, 5' : '5, 4, 3, 2, 1') },
  {
    taskType: 'named_entity_recognition',
    metric: 'micro f1',
    truth: (i) => [WORDS[i % 16] as string, 'cotton'],
    output: (i) => `['${WORDS[(i + 1) % 16]}', 'cotton']`,
  },
  { taskType: 'generation', metric: 'rougel', truth: (i) => sentence(i, 12), output: (i) => sentence(i + 1, 14) },
  { taskType: 'generation', metric: 'bleu', truth: (i) => sentence(i, 12), output: (i) => sentence(i + 2, 12) },
  {
    taskType: 'generation',
    metric: 'jp-bleu',
    truth: () => 'ライトパープル iPad ケース 三つ折スタンド',
    output: (i) => (i % 2 ? 'ライトパープル iPad ケース' : 'iPad 9.7インチ ケース 三つ折スタンド'),
  },
];

function generate(count: number): { dataset: Dataset; outputs: Map<string, ItemOutput> } {
  const rows: ShopBenchRow[] = [];
  const outputs = new Map<string, ItemOutput>();
  for (let index = 0; index < count; index += 1) {
    const template = TEMPLATES[index % TEMPLATES.length] as Template;
    const id = `bench-${index}`;
    rows.push({
      id,
      input: 'prompt',
      truth: template.truth(index),
      taskType: template.taskType,
      metric: template.metric,
      taskName: `${template.metric}-${index % 3}`,
      track: `track-${index % 4}`,
      isMultipleChoice: undefined,
      source: { file: 'generated', position: index + 1, kind: 'line' },
    });
    outputs.set(id, { output: template.output(index) });
  }
  return {
    dataset: {
      path: 'generated',
      sha256: '0'.repeat(64),
      rows,
      files: [],
      skipped: { count: 0, rows: [] },
      metrics: new Set(rows.map((row) => row.metric)),
    },
    outputs,
  };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const profile = (process.argv[3] ?? 'kddcup2024') as ProfileName;
  if (!PROFILE_NAMES.includes(profile)) throw new Error(`profile must be one of ${PROFILE_NAMES.join(', ')}`);
  const { dataset, outputs } = generate(count);
  const started = process.hrtime.bigint();
  const { summary } = await scoreOutputs({ dataset, outputs, profile });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssMiB = process.memoryUsage().rss / 2 ** 20;
  console.log(`profile ${profile}: ${count} items across ${TEMPLATES.length} metrics in ${seconds.toFixed(2)} s`);
  console.log(`  ${Math.round(count / seconds)} items/s (includes loading the Japanese dictionary once), rss ${rssMiB.toFixed(0)} MiB`);
  console.log(`  overall ${summary.overall}`);
}

void main();
