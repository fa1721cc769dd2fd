#!/usr/bin/env node
// Regenerates fixtures/runs/ (the run directories the report, compare and leaderboard tests read) from the dev set.
// Each run's predictions are chosen deterministically from the truth (a hash of run name + row id decides whether an
// answer is right), written to fixtures/runs/predictions/<run>.jsonl, then scored by the real library (scoreOutputs)
// exactly as `shopeval score` does; a manifest like `shopeval run` writes is added.
// Usage (from the repository root): npm run build && node scripts/make-fixture-runs.js [build-dir, default dist]
/* global require, process */
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, writeFileSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');

const buildDir = resolve(process.argv[2] ?? 'dist');
const { loadDataset } = require(join(buildDir, 'src/dataset/load-dataset.js'));
const { scoreOutputs } = require(join(buildDir, 'src/pipeline/score-outputs.js'));
const { writeResults } = require(join(buildDir, 'src/pipeline/write-results.js'));

const DATASET = 'fixtures/datasets/shopbench-dev.jsonl';
const OUT = 'fixtures/runs';
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';

/** A number in [0, 1) from a string, stable across platforms. */
function fraction(text) {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

function listText(values) {
  return `[${values.map((value) => (typeof value === 'string' ? JSON.stringify(value) : String(value))).join(', ')}]`;
}

/** A right answer in the shape the official parsers read. */
/** ndcg truth holds relevance per candidate; an answer ranks candidates (1-based), most relevant first. */
function idealRanking(relevance) {
  return relevance.map((value, index) => [value, index + 1]).sort((left, right) => right[0] - left[0] || left[1] - right[1]).map((pair) => pair[1]);
}

function rightAnswer(row) {
  if (row.taskType === 'multiple-choice') return String(row.truth);
  if (row.taskType === 'ranking') return listText(idealRanking(row.truth));
  if (Array.isArray(row.truth)) return listText(row.truth);
  return String(row.truth);
}

/** A wrong (or partly right) answer of the same shape. */
function wrongAnswer(row) {
  const { truth } = row;
  if (row.taskType === 'multiple-choice') return String(truth === 0 ? 1 : 0);
  if (row.taskType === 'ranking') return listText(idealRanking(truth).reverse());
  if (row.taskType === 'retrieval') return listText(truth.map((value) => value + 7));
  if (row.taskType === 'named_entity_recognition') return listText([...truth.slice(0, Math.floor(truth.length / 2)), 'gadget']);
  return String(truth).split(/\s+/).slice(0, 3).join(' ');
}

const RUNS = [
  { name: 'dev-baseline', accuracy: 0.45, model: 'shop-llm-8b-base', tags: { lora_rank: '0', mix: 'none' }, apiErrors: 2 },
  { name: 'dev-candidate', accuracy: 0.75, model: 'shop-llm-8b-lora', tags: { lora_rank: '16', mix: 'concept+reasoning' }, hostile: true, unparseable: 2 },
  { name: 'dev-oracle', accuracy: 1, model: 'oracle', tags: { lora_rank: '64', mix: 'all' } },
];
for (const rank of [8, 16, 32]) {
  for (const [mix, bonus] of [['concept', 0], ['concept+reasoning', 0.1]]) {
    RUNS.push({ name: `grid/r${rank}-${mix}`, accuracy: 0.35 + rank / 100 + bonus, model: 'shop-llm-8b-lora', tags: { lora_rank: String(rank), mix } });
  }
}

async function main() {
  const dataset = await loadDataset(DATASET);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'predictions'), { recursive: true });
  for (const [index, run] of RUNS.entries()) {
    const outputs = new Map();
    const predictions = [];
    dataset.rows.forEach((row, rowIndex) => {
      let output = fraction(`${run.name}:${row.id}`) < run.accuracy ? rightAnswer(row) : wrongAnswer(row);
      if (run.hostile && row.taskType === 'generation' && row.metric === 'rougel' && rowIndex % 2 === 0) output = `${HOSTILE} ${output}`;
      if (run.unparseable && row.taskType === 'multiple-choice' && rowIndex % 17 === 0) output = 'I am not sure.';
      if (run.apiErrors && row.taskType === 'multiple-choice' && rowIndex % 23 === 0) {
        outputs.set(row.id, { output: null, apiError: 'HTTP 503: upstream unavailable after 4 attempts' });
        return;
      }
      outputs.set(row.id, { output });
      predictions.push(JSON.stringify({ id: row.id, output }));
    });
    const result = await scoreOutputs({ dataset, outputs, profile: 'kddcup2024' });
    const directory = join(OUT, run.name);
    await writeResults(directory, result);
    const started = new Date(Date.UTC(2024, 5, 1 + index, 12, 0, 0));
    const manifest = {
      name: run.name.replace('/', '-'),
      model: run.model,
      provider: 'replay',
      tags: run.tags,
      started_at: started.toISOString(),
      ended_at: new Date(started.getTime() + 90_000).toISOString(),
      dataset: { path: DATASET, sha256: dataset.sha256 },
      profile: 'kddcup2024',
      shopeval_version: 'fixture',
    };
    writeFileSync(join(directory, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(OUT, 'predictions', `${run.name.replace('/', '-')}.jsonl`), `${predictions.join('\n')}\n`);
    process.stderr.write(`${directory}: overall ${result.summary.overall}\n`);
  }
  // The committed example reports of the dev set, made by the CLI itself.
  const { main: cli } = require(join(buildDir, 'src/cli/main.js'));
  for (const [format, extension] of [['markdown', 'md'], ['html', 'html']]) {
    await cli(['report', join(OUT, 'dev-candidate'), '--format', format, '--output', `reports/examples/dev-candidate.${extension}`]);
  }
  await cli(['compare', join(OUT, 'dev-baseline'), join(OUT, 'dev-candidate'), '--format', 'markdown', '--output', 'reports/examples/compare-dev-candidate-vs-dev-baseline.md']);
  await cli(['leaderboard', join(OUT, 'grid'), '--pivot', 'rows=lora_rank,cols=mix', '--format', 'html', '--output', 'reports/examples/leaderboard-grid.html']);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
