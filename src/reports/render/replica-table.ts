import type { ReplicaFigures } from '../../providers/pool/replica-figures';

/** The columns every report format shows for a replica pool. */
export const REPLICA_HEAD = ['Replica', 'Requests', 'Answered', 'Errors', 'Ejections', 'Mean latency (ms)', 'Max latency (ms)'] as const;
/** Column numbers of REPLICA_HEAD that hold numbers (right-aligned). */
export const REPLICA_NUMBER_COLUMNS = [1, 2, 3, 4, 5, 6] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function milliseconds(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A manifest's `replicas`, each entry checked (a malformed one is left out); undefined when the run had one endpoint. */
export function readReplicaFigures(raw: unknown): ReplicaFigures[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const figures: ReplicaFigures[] = [];
  for (const entry of raw) {
    if (!isRecord(entry) || typeof entry['endpoint'] !== 'string') continue;
    const [requests, answered, errors, ejections] = [entry['requests'], entry['answered'], entry['errors'], entry['ejections']].map(count);
    if (requests === undefined || answered === undefined || errors === undefined || ejections === undefined) continue;
    const latency = isRecord(entry['latency_ms']) ? entry['latency_ms'] : {};
    figures.push({ endpoint: entry['endpoint'], requests, answered, errors, ejections, latency_ms: { mean: milliseconds(latency['mean']), max: milliseconds(latency['max']) } });
  }
  return figures;
}

/** One row of text cells per replica, in REPLICA_HEAD's order. */
export function replicaRows(replicas: readonly ReplicaFigures[]): string[][] {
  const latency = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(1));
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
