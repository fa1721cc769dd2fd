import { CHUNK_CHARACTERS, PREVIEW_CHARACTERS } from './html-long-text';

/** At most this many rows are put in the DOM at once, so a 10k-item run stays responsive. */
export const MAX_ROWS = 500;

/**
 * Fills the item table from the JSON block with textContent only (model output is untrusted). Long cells show a
 * preview and a button for the full text; the outcome choices count the items of the chosen task.
 */
export const ITEM_TABLE_SCRIPT = `(function () {
  var data = JSON.parse(document.getElementById('items-data').textContent);
  var notes = JSON.parse(document.getElementById('task-notes').textContent);
  var body = document.getElementById('items-body');
  var taskSelect = document.getElementById('filter-task');
  var outcomeSelect = document.getElementById('filter-outcome');
  var textInput = document.getElementById('filter-text');
  var counter = document.getElementById('items-count');
  var taskNote = document.getElementById('task-note');
  var outcomeLabels = {};
  Array.prototype.forEach.call(outcomeSelect.options, function (option) { outcomeLabels[option.value] = option.textContent; });
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
  function fill(box, text, full) {
    while (box.firstChild) box.removeChild(box.firstChild);
    if (!full) { box.appendChild(document.createTextNode(text.slice(0, ${PREVIEW_CHARACTERS}) + (text.length > ${PREVIEW_CHARACTERS} ? '\\u2026' : ''))); return; }
    for (var start = 0; start < text.length; start += ${CHUNK_CHARACTERS}) {
      if (start > 0) box.appendChild(document.createElement('wbr'));
      box.appendChild(document.createTextNode(text.slice(start, start + ${CHUNK_CHARACTERS})));
    }
  }
  function longCell(row, text) {
    var td = document.createElement('td');
    var box = document.createElement('div');
    box.className = 'long';
    fill(box, text, text.length <= ${PREVIEW_CHARACTERS});
    td.appendChild(box);
    if (text.length > ${PREVIEW_CHARACTERS}) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'expand';
      button.textContent = 'show all ' + text.length + ' characters';
      button.addEventListener('click', function () {
        var open = box.className.indexOf('open') < 0;
        box.className = open ? 'long open' : 'long';
        fill(box, text, open);
        button.textContent = open ? 'show less' : 'show all ' + text.length + ' characters';
      });
      td.appendChild(button);
    }
    row.appendChild(td);
  }
  function cell(row, text, className) {
    var td = document.createElement('td');
    if (className) td.className = className;
    td.textContent = text;
    row.appendChild(td);
  }
  function countOutcomes(task) {
    var counts = {};
    data.forEach(function (item) { if (!task || item.task === task) counts[item.outcome] = (counts[item.outcome] || 0) + 1; });
    Array.prototype.forEach.call(outcomeSelect.options, function (option) {
      if (option.value) option.textContent = outcomeLabels[option.value] + ' (' + (counts[option.value] || 0) + ')';
    });
  }
  function render() {
    var task = taskSelect.value, outcome = outcomeSelect.value, needle = textInput.value.toLowerCase();
    countOutcomes(task);
    var note = task && Object.prototype.hasOwnProperty.call(notes, task) ? notes[task] : '';
    taskNote.textContent = note ? task + ' is not scored: ' + note : '';
    taskNote.hidden = !note;
    while (body.firstChild) body.removeChild(body.firstChild);
    var matches = 0;
    data.forEach(function (item) {
      if ((task && item.task !== task) || (outcome && item.outcome !== outcome)) return;
      if (needle && item.haystack.indexOf(needle) < 0) return;
      matches += 1;
      if (matches > ${MAX_ROWS}) return;
      var row = document.createElement('tr');
      cell(row, item.task); cell(row, item.id);
      longCell(row, item.input); longCell(row, item.output); longCell(row, item.parsed); longCell(row, item.truth);
      cell(row, item.score, 'num');
      cell(row, outcomeLabels[item.outcome] || item.outcome, 'outcome-' + item.outcome);
      body.appendChild(row);
    });
    counter.textContent = matches + ' of ' + data.length + ' items' + (matches > ${MAX_ROWS} ? ' (first ${MAX_ROWS} shown)' : '');
  }
  Array.prototype.forEach.call(document.querySelectorAll('button.count'), function (button) {
    button.addEventListener('click', function () {
      taskSelect.value = button.getAttribute('data-task');
      outcomeSelect.value = button.getAttribute('data-outcome');
      textInput.value = '';
      render();
      document.getElementById('items').scrollIntoView();
    });
  });
  taskSelect.addEventListener('change', render);
  outcomeSelect.addEventListener('change', render);
  textInput.addEventListener('input', render);
  render();
})();`;
