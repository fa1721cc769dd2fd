import type { ItemRecord } from '../scoring/records';
import { jsonForScriptBlock } from './format';
import { ITEM_OUTCOMES, itemOutcome } from './item-outcome';

/** At most this many rows are put in the DOM at once, so a 10k-item run stays responsive. */
const MAX_ROWS = 500;

function jsonText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, (_key, entry: unknown) => (typeof entry === 'bigint' ? entry.toString() : entry));
}

function scoreText(item: ItemRecord): string {
  if (item.api_error !== undefined) return `API error: ${item.api_error}`;
  if (item.error !== undefined) return `scorer error: ${item.error}`;
  if (item.unscored !== undefined) return `unscored: ${item.unscored}`;
  if (typeof item.tp === 'number') return `tp ${item.tp} fp ${item.fp ?? 0} fn ${item.fn ?? 0}`;
  return typeof item.score === 'number' ? item.score.toFixed(4) : '';
}

/** The item data embedded in the page; every field is a string the script sets with textContent. */
export function itemTableData(items: readonly ItemRecord[]): string {
  const rows = items.map((item) => ({
    id: item.id,
    task: item.task_name,
    metric: item.metric,
    input: item.input ?? '',
    output: item.output ?? '',
    parsed: jsonText(item.parsed),
    truth: jsonText(item.truth),
    score: scoreText(item),
    outcome: itemOutcome(item),
  }));
  return `<script type="application/json" id="items-data">${jsonForScriptBlock(rows)}</script>`;
}

/** The filter controls and the empty table the script fills. */
export function itemTableMarkup(): string {
  const outcomes = ITEM_OUTCOMES.map((outcome) => `<option value="${outcome}">${outcome}</option>`).join('');
  return (
    '<h2>Items</h2><div class="filters">' +
    '<label>Task <select id="filter-task"><option value="">all tasks</option></select></label>' +
    `<label>Outcome <select id="filter-outcome"><option value="">all outcomes</option>${outcomes}</select></label>` +
    '<label>Search <input id="filter-text" type="search" placeholder="text in prompt, output, truth"></label>' +
    '<span id="items-count"></span></div>' +
    '<table id="items"><thead><tr><th>Task</th><th>Id</th><th>Prompt</th><th>Raw output</th><th>Parsed</th>' +
    '<th>Truth</th><th>Score</th><th>Outcome</th></tr></thead><tbody id="items-body"></tbody></table>'
  );
}

/** Fills the table from the JSON block with textContent only (model output is untrusted). */
export const ITEM_TABLE_SCRIPT = `(function () {
  var data = JSON.parse(document.getElementById('items-data').textContent);
  var body = document.getElementById('items-body');
  var taskSelect = document.getElementById('filter-task');
  var outcomeSelect = document.getElementById('filter-outcome');
  var textInput = document.getElementById('filter-text');
  var counter = document.getElementById('items-count');
  var seen = {};
  data.forEach(function (item) {
    item.haystack = [item.id, item.input, item.output, item.parsed, item.truth].join('\\n').toLowerCase();
    if (seen[item.task]) return;
    seen[item.task] = true;
    var option = document.createElement('option');
    option.value = item.task;
    option.textContent = item.task;
    taskSelect.appendChild(option);
  });
  function cell(row, text, className, long) {
    var td = document.createElement('td');
    if (className) td.className = className;
    if (long) { var box = document.createElement('div'); box.className = 'long'; box.textContent = text; td.appendChild(box); }
    else td.textContent = text;
    row.appendChild(td);
  }
  function render() {
    var task = taskSelect.value, outcome = outcomeSelect.value, needle = textInput.value.toLowerCase();
    while (body.firstChild) body.removeChild(body.firstChild);
    var matches = 0;
    data.forEach(function (item) {
      if ((task && item.task !== task) || (outcome && item.outcome !== outcome)) return;
      if (needle && item.haystack.indexOf(needle) < 0) return;
      matches += 1;
      if (matches > ${MAX_ROWS}) return;
      var row = document.createElement('tr');
      cell(row, item.task); cell(row, item.id); cell(row, item.input, '', true); cell(row, item.output, '', true);
      cell(row, item.parsed, '', true); cell(row, item.truth, '', true); cell(row, item.score, 'num');
      cell(row, item.outcome, 'outcome-' + item.outcome);
      body.appendChild(row);
    });
    counter.textContent = matches + ' of ' + data.length + ' items' + (matches > ${MAX_ROWS} ? ' (first ${MAX_ROWS} shown)' : '');
  }
  taskSelect.addEventListener('change', render);
  outcomeSelect.addEventListener('change', render);
  textInput.addEventListener('input', render);
  render();
})();`;
