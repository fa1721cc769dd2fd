import type { ItemRecord } from '../../../scoring/records';
import { escapeHtml, formatScore, jsonForScriptBlock } from '../format';
import { countOutcomes, ITEM_OUTCOMES, itemOutcome, OUTCOME_LABELS } from '../../documents/item-outcome';
import { itemsByTask } from '../../load/item-contribution';
import type { ReportTask } from '../../documents/report-document';

export { ITEM_TABLE_SCRIPT } from './html-item-table-script';

/** A parsed answer or truth as text (bigints from lossless JSON as digits). */
export function jsonText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string'
    ? value
    : JSON.stringify(value, (_key, entry: unknown) => (typeof entry === 'bigint' ? entry.toString() : entry));
}

/** The item's own score; an unscored item points to its task's note, which says why once. */
function scoreText(item: ItemRecord): string {
  if (item.api_error !== undefined) return `API error: ${item.api_error}`;
  if (item.error !== undefined) return `scorer error: ${item.error}`;
  if (item.unscored !== undefined) return 'unscored (see the task note)';
  if (typeof item.tp === 'number') return `tp ${item.tp} fp ${item.fp ?? 0} fn ${item.fn ?? 0}`;
  return typeof item.score === 'number' ? formatScore(item.score) : '';
}

/** The item data and each unscored task's reason, embedded in the page; the script sets every field with textContent. */
export function itemTableData(items: readonly ItemRecord[], tasks: readonly ReportTask[]): string {
  const notes = Object.fromEntries(
    tasks.filter((task) => task.status !== 'scored').map((task) => [task.task_name, task.reason ?? task.status]),
  );
  const rows = items.map((item) => ({
    id: item.id,
    task: item.task_name,
    metric: item.metric,
    input: item.input ?? '',
    output: item.output ?? '',
    parsed:
      item.unparseable && item.api_error === undefined ? `${jsonText(item.parsed)} (the parser found no answer)` : jsonText(item.parsed),
    truth: jsonText(item.truth),
    score: scoreText(item),
    outcome: itemOutcome(item),
  }));
  return (
    `<script type="application/json" id="items-data">${jsonForScriptBlock(rows)}</script>` +
    `<script type="application/json" id="task-notes">${jsonForScriptBlock(notes)}</script>`
  );
}

/** Per task, how many items had each outcome; a count is a button that filters the item table to those items. */
export function outcomeCountsTable(tasks: readonly ReportTask[], items: readonly ItemRecord[]): string {
  const groups = itemsByTask(items);
  const head = ['Task', ...ITEM_OUTCOMES.map((outcome) => OUTCOME_LABELS[outcome]), 'All', 'Note'];
  const rows = tasks.map((task) => {
    const counts = countOutcomes(groups.get(task.task_name) ?? []);
    const name = escapeHtml(task.task_name);
    const countCells = ITEM_OUTCOMES.map((outcome) =>
      counts[outcome] === 0
        ? '<td class="num zero">0</td>'
        : `<td class="num"><button type="button" class="count outcome-${outcome}" data-task="${name}" data-outcome="${outcome}">${counts[outcome]}</button></td>`,
    );
    // the reason itself is said once, in the list of left-out tasks above
    const note = task.status === 'scored' ? '' : escapeHtml(`${task.status} (why: above)`);
    const total = `<td class="num"><button type="button" class="count" data-task="${name}" data-outcome="">${task.n}</button></td>`;
    return `<tr><td>${name}</td>${countCells.join('')}${total}<td class="note">${note}</td></tr>`;
  });
  return `<table id="outcome-counts"><thead><tr>${head.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The filter controls and the empty table the script fills. */
export function itemTableMarkup(): string {
  const outcomes = ITEM_OUTCOMES.map((outcome) => `<option value="${outcome}">${escapeHtml(OUTCOME_LABELS[outcome])}</option>`).join('');
  return (
    '<div class="filters">' +
    '<label>Task <select id="filter-task"><option value="">all tasks</option></select></label>' +
    `<label>Outcome <select id="filter-outcome"><option value="">all outcomes</option>${outcomes}</select></label>` +
    '<label>Search <input id="filter-text" type="search" placeholder="text in prompt, output, truth"></label>' +
    '<span id="items-count"></span></div><p id="task-note" class="reason" hidden></p>' +
    '<table id="items"><thead><tr><th>Task</th><th>Id</th><th>Prompt</th><th>Raw output</th><th>Parsed</th>' +
    '<th>Truth</th><th>Score</th><th>Outcome</th></tr></thead><tbody id="items-body"></tbody></table>'
  );
}
