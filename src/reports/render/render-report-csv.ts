import { csvLine } from './format';
import type { ReplicaFigures } from '../../providers/pool/replica-figures';
import type { RunReport } from '../documents/report-document';
import { replicaFiguresText } from './replica-table';
import type { TimingFigures } from '../../budget/run-timing';

const COLUMNS = [
  'task_name',
  'track_name',
  'track',
  'task_type',
  'metric',
  'status',
  'n',
  'n_scored',
  'score',
  'low',
  'high',
  'api_errors',
  'unparseable',
  'missing_predictions',
  'scorer_errors',
  'reason',
] as const;

/** Each task's latency and token figures (empty cells for a run without them). */
const TIMING_COLUMNS = [
  'latency_p50_ms',
  'latency_p95_ms',
  'latency_max_ms',
  'prompt_tokens',
  'completion_tokens',
  'tokens_per_second',
  'items_per_second',
] as const;

function timingValues(figures: TimingFigures | undefined): (number | null)[] {
  if (figures === undefined) return TIMING_COLUMNS.map(() => null);
  const latency = figures.latency_ms;
  return [
    latency?.p50 ?? null,
    latency?.p95 ?? null,
    latency?.max ?? null,
    figures.prompt_tokens,
    figures.completion_tokens,
    figures.tokens_per_second,
    figures.items_per_second,
  ];
}

/**
 * One row per task with full-precision numbers, for spreadsheets; every row says whether the run is complete and what
 * embedder scored the task. The report's warnings (skipped invalid rows, truths that score 0) follow as rows with status
 * `warning` and the text in `reason`, and a replica pool's replicas as rows with status `replica`, so a spreadsheet
 * filter on `status` separates them.
 */
export function renderReportCsv(report: RunReport): string {
  const complete = String(report.completeness.complete);
  return (
    csvLine([...COLUMNS, 'answered', 'run_complete', 'embedder', 'embedder_official', ...TIMING_COLUMNS]) +
    report.tasks
      .map((task) => {
        const official = task.embedder === null ? null : String(task.embedder.official);
        return csvLine([
          ...COLUMNS.map((column) => task[column]),
          task.n - task.api_errors,
          complete,
          task.embedder?.name ?? null,
          official,
          ...timingValues(report.timing?.tasks[task.task_name]),
        ]);
      })
      .join('') +
    report.warnings
      .map((warning) => csvLine(COLUMNS.map((column) => (column === 'status' ? 'warning' : column === 'reason' ? warning : null))))
      .join('') +
    (report.run.replicas ?? []).map(replicaLine).join('')
  );
}

/**
 * A replica pool's replica as a row with status `replica`: its URL in task_name, calls sent in n, answered in
 * n_scored, failed calls in api_errors, and every figure (ejections and latency too) in reason.
 */
function replicaLine(replica: ReplicaFigures): string {
  const reason = replicaFiguresText(replica);
  const cells: Partial<Record<(typeof COLUMNS)[number], string | number>> = {
    task_name: replica.endpoint,
    status: 'replica',
    n: replica.requests,
    n_scored: replica.answered,
    api_errors: replica.errors,
    reason,
  };
  return csvLine(COLUMNS.map((column) => cells[column] ?? null));
}
