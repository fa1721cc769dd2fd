/**
 * Writes a ShopBench-style dataset and a predictions file with the metric mix of a real training set (26.6k rows:
 * 10.7k accuracy, 4.1k hit rate@3, 7.4k micro f1, 1.0k rougel, 3.3k bleu, 80 ndcg, 20 jp-bleu). Each row is a dev-set
 * row of that metric (so its lengths are real), made unique by its id and a numbered input; each prediction is
 * the truth, perturbed on some rows so that scores vary.
 * Run: node dist/benchmarks/perf/generate-mixed-set.js OUT_DIR
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DEV_SET = join(__dirname, '..', '..', '..', 'fixtures', 'datasets', 'shopbench-dev.jsonl');

export const MIXED_SET_MIX: Readonly<Record<string, number>> = {
  accuracy: 10_700,
  'hit rate@3': 4_100,
  'micro f1': 7_400,
  rougel: 1_000,
  bleu: 3_300,
  ndcg: 80,
  'jp-bleu': 20,
};

type Row = Record<string, unknown> & { metric: string; output_field: unknown };

function predictionFor(row: Row, index: number): string {
  const truth = row.output_field;
  const perturb = index % 3 === 0;
  if (typeof truth === 'number') return String(perturb ? (truth + 1) % 4 : truth);
  if (Array.isArray(truth)) {
    const items = perturb ? [...truth].reverse().slice(0, Math.max(1, truth.length - 1)) : truth;
    return row.metric === 'micro f1' ? JSON.stringify(items).replace(/"/gu, "'") : items.join(', ');
  }
  const text = String(truth);
  if (!perturb) return text;
  const words = text.split(' ');
  return [...words.slice(1), words[0]].join(' ');
}

/** Writes OUT_DIR/mixed.jsonl and OUT_DIR/mixed-predictions.jsonl; returns their paths. */
export function writeMixedSet(directory: string): { data: string; predictions: string; rows: number } {
  const devRows = readFileSync(DEV_SET, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
  const dataLines: string[] = [];
  const predictionLines: string[] = [];
  for (const [metric, count] of Object.entries(MIXED_SET_MIX)) {
    const templates = devRows.filter((row) => row.metric === metric);
    if (templates.length === 0) throw new Error(`the dev set has no ${metric} row to copy`);
    for (let index = 0; index < count; index += 1) {
      const template = templates[index % templates.length] as Row;
      const id = `mixed-${metric.replace(/\W/gu, '')}-${index}`;
      dataLines.push(JSON.stringify({ ...template, id, input_field: `${index}. ${String(template['input_field'])}` }));
      predictionLines.push(JSON.stringify({ id, output: predictionFor(template, index) }));
    }
  }
  mkdirSync(directory, { recursive: true });
  const data = join(directory, 'mixed.jsonl');
  const predictions = join(directory, 'mixed-predictions.jsonl');
  writeFileSync(data, `${dataLines.join('\n')}\n`);
  writeFileSync(predictions, `${predictionLines.join('\n')}\n`);
  return { data, predictions, rows: dataLines.length };
}

if (require.main === module) {
  const directory = process.argv[2];
  if (directory === undefined) throw new Error('usage: generate-mixed-set.js OUT_DIR');
  const written = writeMixedSet(directory);
  console.log(`${written.rows} rows: ${written.data}, ${written.predictions}`);
}
