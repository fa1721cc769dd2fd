import { trackDisplayName } from '../../dataset/track-names';
import { formatDifference, formatDifferenceInterval, formatScore, markdownCell, markdownTable } from './format';
import type { Comparison, ComparisonEntry } from '../documents/comparison-document';
import { plainTable } from './render-report-terminal';
import { formatDelta } from '../documents/timing-deltas';
import { pooledReplicaRows, pooledRuns, RUN_REPLICA_HEAD, RUN_REPLICA_NUMBER_COLUMNS, type PooledRun } from './replica-table';
import { WARNING_PREFIX } from '../../util/note-event';

export const COMPARISON_HEAD = [
  'Score',
  'Metric',
  'n',
  'Dropped',
  'Baseline',
  'Candidate',
  'Difference',
  'Interval',
  'Verdict',
  'Latency p50 ms',
  'Latency p95 ms',
  'Completion tokens',
];
const NUMERIC_COLUMNS = [2, 3, 4, 5, 6];

/** How an entry is named in every format: "OVERALL", "track NAME", "TASK (TRACK)". */
export function entryLabel(entry: ComparisonEntry): string {
  if (entry.level === 'task') return `${entry.name} (${trackDisplayName(entry.track ?? '')})`;
  if (entry.level === 'overall') return 'OVERALL';
  const name = trackDisplayName(entry.name);
  return name === entry.name ? `track ${name}` : name;
}

/** One table row of an entry, cells as text. */
export function entryCells(entry: ComparisonEntry): string[] {
  return [
    entryLabel(entry),
    entry.metric ?? '',
    String(entry.n),
    String(entry.dropped.total),
    formatScore(entry.baseline),
    formatScore(entry.candidate),
    formatDifference(entry.difference),
    formatDifferenceInterval(entry.low, entry.high),
    entry.verdict,
    formatDelta(entry.timing?.latency_p50_ms),
    formatDelta(entry.timing?.latency_p95_ms),
    formatDelta(entry.timing?.completion_tokens, 0),
  ];
}

function rows(comparison: Comparison): string[][] {
  return [comparison.overall, ...comparison.tracks, ...comparison.tasks].map(entryCells);
}

export function summaryLine(comparison: Comparison): string {
  if (comparison.gate) return comparison.gate.message;
  const { overall } = comparison;
  return `Overall: ${overall.verdict} (${formatDifference(overall.difference)} ${formatDifferenceInterval(overall.low, overall.high)})`;
}

export function intervalNote(comparison: Comparison): string {
  const { interval, items, gate } = comparison;
  const dropped = items.dropped.total > 0 ? ` (${items.dropped.total} dropped: no usable result in one run)` : '';
  const gateLevel = gate
    ? `; the regression gate uses ${Number((gate.level * 100).toPrecision(4))}% intervals (Bonferroni over ${gate.checked.length} checked scores)`
    : '';
  return (
    `${Math.round(interval.level * 100)}% paired bootstrap interval of candidate - baseline (${interval.resamples} resamples, seed ${interval.seed}), ` +
    `${items.compared} items usable in both runs compared${dropped}${gateLevel}`
  );
}

const AGREEMENT_HEAD = [
  'Multiple choice',
  'n',
  'Baseline',
  'Candidate',
  'Both parsed',
  'Agreement',
  'Unparseable (baseline)',
  'Unparseable (candidate)',
];
const AGREEMENT_NUMERIC = [1, 2, 3, 4, 5, 6, 7];

/** The multiple-choice answers under the two scoring modes, one row per task (none when neither run used logprobs). */
function agreementRows(comparison: Comparison): { head: string[]; rows: string[][] } | undefined {
  const agreement = comparison.mc_agreement;
  if (agreement === undefined) return undefined;
  const head = [...AGREEMENT_HEAD];
  head[2] = `Baseline (${agreement.baseline_mode})`;
  head[3] = `Candidate (${agreement.candidate_mode})`;
  const rows = agreement.tasks.map((task) => [
    task.task_name,
    String(task.n),
    formatScore(task.baseline_accuracy),
    formatScore(task.candidate_accuracy),
    String(task.both_parsed),
    formatScore(task.agreement),
    String(task.baseline_unparseable),
    String(task.candidate_unparseable),
  ]);
  return { head, rows };
}

/** The comparison as a terminal table; the last line is the verdict or the gate's reason. */
export function renderComparisonTerminal(comparison: Comparison): string {
  const table = plainTable(COMPARISON_HEAD, NUMERIC_COLUMNS);
  for (const row of rows(comparison)) table.push(row);
  const warnings = comparison.warnings.map((warning) => `${WARNING_PREFIX}${warning}`);
  return (
    [
      ...warnings,
      `Baseline  ${comparison.baseline.name}${comparison.baseline.model ? ` (${comparison.baseline.model})` : ''}`,
      `Candidate ${comparison.candidate.name}${comparison.candidate.model ? ` (${comparison.candidate.model})` : ''}`,
      intervalNote(comparison),
      table.toString(),
      ...agreementTerminal(comparison),
      ...replicasTerminal(comparison),
      summaryLine(comparison),
    ].join('\n') + '\n'
  );
}

function agreementTerminal(comparison: Comparison): string[] {
  const agreement = agreementRows(comparison);
  if (agreement === undefined) return [];
  const table = plainTable(agreement.head, AGREEMENT_NUMERIC);
  for (const row of agreement.rows) table.push(row);
  return ['Multiple choice by scoring mode (accuracy on the items answered in both runs):', table.toString()];
}

/** The runs that used a replica pool, labelled by role and name (every format shows their replicas as `report` does). */
export function comparisonPooledRuns(comparison: Comparison): PooledRun[] {
  return pooledRuns([
    { label: `baseline ${comparison.baseline.name}`, run: comparison.baseline },
    { label: `candidate ${comparison.candidate.name}`, run: comparison.candidate },
  ]);
}

function comparisonReplicaRows(comparison: Comparison): string[][] | undefined {
  const pooled = comparisonPooledRuns(comparison);
  return pooled.length === 0 ? undefined : pooledReplicaRows(pooled);
}

function replicasTerminal(comparison: Comparison): string[] {
  const rows = comparisonReplicaRows(comparison);
  if (rows === undefined) return [];
  const table = plainTable([...RUN_REPLICA_HEAD], RUN_REPLICA_NUMBER_COLUMNS);
  for (const row of rows) table.push(row);
  return ['Replicas:', table.toString()];
}

/** The comparison as Markdown for a CI comment. */
export function renderComparisonMarkdown(comparison: Comparison): string {
  const warnings = comparison.warnings.map((warning) => `> **Warning:** ${markdownCell(warning)}\n`).join('');
  const table = markdownTable(
    COMPARISON_HEAD,
    rows(comparison).map((row) => row.map(markdownCell)),
    NUMERIC_COLUMNS,
  );
  const agreement = agreementRows(comparison);
  const agreementTable =
    agreement === undefined
      ? ''
      : `\n### Multiple choice by scoring mode\n\n${markdownTable(
          agreement.head,
          agreement.rows.map((row) => row.map(markdownCell)),
          AGREEMENT_NUMERIC,
        )}`;
  const replicas = comparisonReplicaRows(comparison);
  const replicaTable =
    replicas === undefined
      ? ''
      : `\n### Replicas\n\n${markdownTable(
          [...RUN_REPLICA_HEAD],
          replicas.map((row) => row.map(markdownCell)),
          RUN_REPLICA_NUMBER_COLUMNS,
        )}`;
  return (
    `## shopeval compare: ${markdownCell(comparison.candidate.name)} vs ${markdownCell(comparison.baseline.name)}\n\n` +
    `**${markdownCell(summaryLine(comparison))}**\n\n${warnings}${warnings ? '\n' : ''}${intervalNote(comparison)}\n\n${table}${agreementTable}${replicaTable}`
  );
}

/** The versioned JSON document (src/schemas/comparison.schema.json). */
export function renderComparisonJson(comparison: Comparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}
