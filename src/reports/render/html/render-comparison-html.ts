import type { Comparison, ComparisonEntry } from '../../documents/comparison-document';
import { escapeHtml, formatScore, MISSING } from '../format';
import { breakableHtml, htmlLongText } from './html-long-text';
import { jsonText } from './html-item-table';
import { type ComparisonDetails, NO_COMPARISON_DETAILS } from '../../documents/comparison-details';
import type { ItemChange, TaskChanges } from '../../documents/item-changes';
import { OUTCOME_LABELS } from '../../documents/item-outcome';
import { htmlPage } from './html-page';
import { COMPARISON_HEAD, comparisonPooledRuns, entryCells, entryLabel, intervalNote, summaryLine } from '../render-comparison';
import { pooledReplicaHtml } from '../replica-table';
import type { RunInfo } from '../../documents/report-document';
import { renderDifferenceChart } from '../svg/svg-difference-chart';

/** The facts of a run that decide whether two runs can be compared, as [label, text]. */
function settings(run: RunInfo): [string, string][] {
  return [
    ['Run', run.name],
    ['Directory', run.directory],
    ['Model', run.model ?? MISSING],
    ['Provider', run.provider ?? MISSING],
    ['Profile', run.profile],
    ['Dataset', `${run.dataset.path} (sha256 ${run.dataset.sha256.slice(0, 12) || 'unknown'}, ${run.dataset.rows} rows)`],
    [
      'Tags',
      Object.entries(run.tags)
        .map(([key, value]) => `${key}=${value}`)
        .join(', ') || 'none',
    ],
    ['Started', run.started_at ?? MISSING],
    ['shopeval', run.shopeval_version ?? MISSING],
  ];
}

/** Labels that name a run rather than describe how it answered: never marked as a difference. */
const IDENTITY = new Set(['Run', 'Directory', 'Started']);

/** Both runs' settings side by side (identity, then every manifest setting either run has); rows that differ are marked. */
function settingsTable(comparison: Comparison, details: ComparisonDetails): string {
  const [baseline, candidate] = [new Map(settings(comparison.baseline)), new Map(settings(comparison.candidate))];
  for (const [side, lines] of [
    [baseline, details.settings[0]],
    [candidate, details.settings[1]],
  ] as const)
    for (const [name, value] of lines) side.set(name, value);
  const labels = [...new Set([...baseline.keys(), ...candidate.keys()])];
  const rows = labels.map((label) => {
    const [left, right] = [baseline.get(label) ?? MISSING, candidate.get(label) ?? MISSING];
    const differs = !IDENTITY.has(label) && left !== right;
    return `<tr${differs ? ' class="differs"' : ''}><th>${escapeHtml(label)}</th><td>${breakableHtml(left)}</td><td>${breakableHtml(right)}</td></tr>`;
  });
  return `<table id="settings"><thead><tr><th></th><th>Baseline</th><th>Candidate</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function entriesTable(entries: readonly ComparisonEntry[]): string {
  const rows = entries.map((entry) => {
    const cells = entryCells(entry).map((cell, index) => `<td${index >= 2 && index <= 7 ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`);
    return `<tr class="verdict-${entry.verdict.replace(/ /g, '-')}">${cells.join('')}</tr>`;
  });
  return `<table id="differences"><thead><tr>${COMPARISON_HEAD.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function scoreText(score: number | null): string {
  return score === null ? '' : ` (${formatScore(score)})`;
}

/** Green when the candidate earned more on the item, red when less (an API error or unscored side earns nothing shown). */
function direction(before: number | null, after: number | null): string {
  if ((after ?? -1) > (before ?? -1)) return 'change-better';
  return (after ?? -1) < (before ?? -1) ? 'change-worse' : 'change-same';
}

function changeBlock(change: ItemChange): string {
  const { baseline, candidate } = change;
  const heading = `${OUTCOME_LABELS[baseline.outcome]}${scoreText(baseline.score)} \u2192 ${OUTCOME_LABELS[candidate.outcome]}${scoreText(candidate.score)}`;
  const sideHtml = (title: string, output: string | null, parsed: unknown): string =>
    `<div><b>${escapeHtml(title)}</b>${htmlLongText(output)}<div class="parsed">parsed: ${escapeHtml(jsonText(parsed))}</div></div>`;
  return (
    `<div class="change" data-from="${baseline.outcome}" data-to="${candidate.outcome}">` +
    `<p><b class="${direction(baseline.score, candidate.score)}">${escapeHtml(heading)}</b> <code>${escapeHtml(change.id)}</code></p>` +
    `<details><summary>prompt and truth</summary>${htmlLongText(change.input, '(empty prompt)')}<p>truth: ${escapeHtml(jsonText(change.truth))}</p></details>` +
    `<div class="side-by-side">${sideHtml('Baseline output', baseline.output, baseline.parsed)}${sideHtml('Candidate output', candidate.output, candidate.parsed)}</div>` +
    '</div>'
  );
}

/** "3 items changed: 2 wrong → right, 1 right → wrong". */
function changeSummary(group: TaskChanges): string {
  const kinds = new Map<string, number>();
  for (const change of group.changes) {
    const kind = `${OUTCOME_LABELS[change.baseline.outcome]} \u2192 ${OUTCOME_LABELS[change.candidate.outcome]}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const parts = [...kinds].sort((left, right) => right[1] - left[1]).map(([kind, count]) => `${count} ${kind}`);
  return `${group.task_name}: ${group.changes.length} item${group.changes.length === 1 ? '' : 's'} changed (${parts.join(', ')})`;
}

function changesSection(changes: readonly TaskChanges[]): string {
  if (changes.length === 0) return '<h2>Items that changed</h2><p>No item changed its outcome or score.</p>';
  const total = changes.reduce((sum, group) => sum + group.changes.length, 0);
  const groups = changes.map(
    (group) =>
      `<details class="task-changes"><summary>${escapeHtml(changeSummary(group))}</summary>${group.changes.map(changeBlock).join('')}</details>`,
  );
  return `<h2>Items that changed</h2><p>${total} items changed their outcome or score, by task (open a task to see both outputs side by side):</p>${groups.join('')}`;
}

/** One self-contained page comparing two runs: settings, differences with intervals and verdicts, and the items that changed. */
export function renderComparisonHtml(comparison: Comparison, details: ComparisonDetails = NO_COMPARISON_DETAILS): string {
  const { changes } = details;
  const entries = [comparison.overall, ...comparison.tracks, ...comparison.tasks];
  const chart = renderDifferenceChart(
    'Candidate - baseline',
    entries.map((entry) => ({
      label: entryLabel(entry),
      difference: entry.difference,
      low: entry.low,
      high: entry.high,
      verdict: entry.verdict,
    })),
  );
  const warnings = comparison.warnings.map((warning) => `<p class="warning">${escapeHtml(warning)}</p>`).join('');
  const title = `shopeval compare: ${comparison.candidate.name} vs ${comparison.baseline.name}`;
  const body =
    `<h1>${escapeHtml(title)}</h1><p><strong>${escapeHtml(summaryLine(comparison))}</strong></p>${warnings}` +
    `<h2>Settings</h2>${settingsTable(comparison, details)}` +
    `<h2>Differences</h2><p>${escapeHtml(intervalNote(comparison))}</p>${chart}${entriesTable(entries)}` +
    pooledReplicaHtml(comparisonPooledRuns(comparison)) +
    changesSection(changes);
  return htmlPage({ title, body });
}
