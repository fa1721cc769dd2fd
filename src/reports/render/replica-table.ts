import type { ReplicaFigures } from '../../providers/pool/replica-figures';
import { escapeHtml, formatFigure, MISSING } from './format';
import type { RunInfo } from '../documents/report-document';

/** The columns every report format shows for a replica pool. */
export const REPLICA_HEAD = ['Replica', 'Requests', 'Answered', 'Errors', 'Ejections', 'Mean latency (ms)', 'Max latency (ms)'] as const;
/** Column numbers of REPLICA_HEAD that hold numbers (right-aligned). */
export const REPLICA_NUMBER_COLUMNS = [1, 2, 3, 4, 5, 6] as const;
/** The columns of a comparison's or a leaderboard's replica table: the run first, then REPLICA_HEAD. */
export const RUN_REPLICA_HEAD = ['Run', ...REPLICA_HEAD] as const;
export const RUN_REPLICA_NUMBER_COLUMNS = REPLICA_NUMBER_COLUMNS.map((column) => column + 1);

/** A run of a comparison or a leaderboard that spread its requests over a replica pool, under its label there. */
export interface PooledRun {
  readonly label: string;
  readonly replicas: readonly ReplicaFigures[];
}

/** The runs that used a replica pool (several --base-url), in the order given; a run with one endpoint has no replicas. */
export function pooledRuns(runs: readonly { readonly label: string; readonly run: RunInfo }[]): PooledRun[] {
  return runs.flatMap(({ label, run }) =>
    run.replicas === undefined || run.replicas.length === 0 ? [] : [{ label, replicas: run.replicas }],
  );
}

/** One row per replica of every pooled run, in RUN_REPLICA_HEAD's order. */
export function pooledReplicaRows(pooled: readonly PooledRun[]): string[][] {
  return pooled.flatMap((run) => replicaRows(run.replicas).map((row) => [run.label, ...row]));
}

/** The pooled runs' replicas as an HTML section, the report's table with the run first; nothing when no run used a pool. */
export function pooledReplicaHtml(pooled: readonly PooledRun[]): string {
  if (pooled.length === 0) return '';
  const numeric = new Set<number>(RUN_REPLICA_NUMBER_COLUMNS);
  const cell = (text: string, column: number): string => `<td${numeric.has(column) ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;
  const rows = pooledReplicaRows(pooled).map((row) => `<tr>${row.map(cell).join('')}</tr>`);
  const head = RUN_REPLICA_HEAD.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
  return `<h2>Replicas</h2><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A replica's figures as one line of text (the endpoint aside), for formats with a cell, not a table (CSV). */
export function replicaFiguresText(replica: ReplicaFigures): string {
  const latency = (value: number | null): string => (value === null ? MISSING : `${value} ms`);
  return `requests ${replica.requests}, answered ${replica.answered}, errors ${replica.errors}, ejections ${replica.ejections}, latency mean ${latency(replica.latency_ms.mean)}, max ${latency(replica.latency_ms.max)}`;
}

/** One row of text cells per replica, in REPLICA_HEAD's order. */
export function replicaRows(replicas: readonly ReplicaFigures[]): string[][] {
  const latency = (value: number | null): string => formatFigure(value, 1);
  return replicas.map((replica) => [
    replica.endpoint,
    String(replica.requests),
    String(replica.answered),
    String(replica.errors),
    String(replica.ejections),
    latency(replica.latency_ms.mean),
    latency(replica.latency_ms.max),
  ]);
}
