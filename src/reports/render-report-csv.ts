import { csvLine } from './format';
import type { RunReport } from './report-document';

const COLUMNS = [
  'task_name', 'track_name', 'track', 'task_type', 'metric', 'status', 'n', 'n_scored', 'score', 'low', 'high',
  'api_errors', 'unparseable', 'missing_predictions', 'scorer_errors', 'reason',
] as const;

/**
 * One row per task with full-precision numbers, for spreadsheets; every row says whether the run is complete and what
 * embedder scored the task. The report's warnings (skipped invalid rows, truths that score 0) follow as rows with status
 * `warning` and the text in `reason`, so a spreadsheet filter on `status` separates them.
 */
export function renderReportCsv(report: RunReport): string {
  const complete = String(report.completeness.complete);
  return (
    csvLine([...COLUMNS, 'answered', 'run_complete', 'embedder', 'embedder_official']) +
    report.tasks
      .map((task) => {
        const official = task.embedder === null ? null : String(task.embedder.official);
        return csvLine([...COLUMNS.map((column) => task[column]), task.n - task.api_errors, complete, task.embedder?.name ?? null, official]);
      })
      .join('') +
    report.warnings.map((warning) => csvLine(COLUMNS.map((column) => (column === 'status' ? 'warning' : column === 'reason' ? warning : null)))).join('')
  );
}
