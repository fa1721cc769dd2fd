import { csvLine } from './format';
import type { RunReport } from './report-document';

const COLUMNS = [
  'task_name', 'track_name', 'track', 'task_type', 'metric', 'status', 'n', 'n_scored', 'score', 'low', 'high',
  'api_errors', 'unparseable', 'missing_predictions', 'scorer_errors', 'reason',
] as const;

/** One row per task with full-precision numbers, for spreadsheets. */
export function renderReportCsv(report: RunReport): string {
  return (
    csvLine(COLUMNS) +
    report.tasks.map((task) => csvLine(COLUMNS.map((column) => task[column]))).join('')
  );
}
