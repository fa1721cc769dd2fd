import { createHash } from 'node:crypto';
import { DatasetError, formatLocation, type InputLocation } from '../errors';
import type { MetricName, ShopBenchRow, TaskType, Truth } from './row';
import { metricDefinition } from '../scoring/metrics/registry';
import { readJsonRecords } from './read-json-records';
import { contentRowId } from './row-id';
import { describeTrack, resolveTrackNames } from './track-names';
import { createRowValidator, type RawRow } from './validate-row';

export interface Dataset {
  readonly path: string;
  /** SHA-256 of the file's bytes: runs over different data are never compared silently. */
  readonly sha256: string;
  readonly rows: readonly ShopBenchRow[];
}

export interface DatasetFilter {
  /** Keep only these task names. */
  readonly tasks?: readonly string[];
  /** Keep only these tracks. */
  readonly tracks?: readonly string[];
  /** Keep at most this many rows per task (the first ones in file order). */
  readonly limit?: number;
}

/** The track of rows that have none. */
export const UNTRACKED = 'untracked';

/** Reads and validates a whole dataset before anything else happens; the first bad row is a DatasetError. */
export async function loadDataset(path: string, filter: DatasetFilter = {}): Promise<Dataset> {
  const { records, bytes } = await readJsonRecords(path);
  const validate = createRowValidator();
  const seenIds = new Map<string, InputLocation>();
  const rows: ShopBenchRow[] = [];
  for (const record of records) {
    const raw = validate(record.value, record.location);
    checkMetricFitsTaskType(raw, record.location);
    const id = uniqueId(raw, record.location, seenIds);
    rows.push(toRow(raw, id, record.location));
  }
  if (rows.length === 0) throw new DatasetError(`${path}: the dataset has no rows`);
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), rows: applyFilter(rows, filter, path) };
}

/** Each metric scores the answers of one task type (the dataset's pairing); anything else would score nonsense silently. */
function checkMetricFitsTaskType(raw: RawRow, location: InputLocation): void {
  const definition = metricDefinition(raw.metric as MetricName);
  const hint = 'Check the task_type, metric and output_field of this row.';
  if (definition.taskType !== raw.task_type) {
    throw new DatasetError(`metric "${raw.metric}" scores ${definition.taskType} rows, but task_type is "${raw.task_type}"`, { location, hint });
  }
  // only the embedding metrics average over several reference texts; the others compare one string
  if (Array.isArray(raw.output_field) && definition.needs !== 'embeddings' && raw.task_type === 'generation') {
    throw new DatasetError(`output_field must be a string for metric "${raw.metric}" (a list is allowed only for the sentence-embedding metrics)`, { location, hint });
  }
}

function uniqueId(raw: RawRow, location: InputLocation, seen: Map<string, InputLocation>): string {
  if (raw.id !== undefined) {
    const id = String(raw.id);
    const first = seen.get(id);
    if (first) throw new DatasetError(`id "${id}" is used twice (first at ${formatLocation(first)})`, { location });
    seen.set(id, location);
    return id;
  }
  const base = contentRowId(raw);
  let id = base;
  for (let copy = 2; seen.has(id); copy += 1) id = `${base}#${copy}`;
  seen.set(id, location);
  return id;
}

function toRow(raw: RawRow, id: string, location: InputLocation): ShopBenchRow {
  return {
    id,
    input: raw.input_field,
    truth: raw.output_field as Truth,
    taskType: raw.task_type as TaskType,
    metric: raw.metric as MetricName,
    // Rows without task_name are grouped by task type and metric, the finest grouping the row itself names.
    taskName: raw.task_name ?? `${raw.task_type}/${raw.metric}`,
    track: raw.track ?? UNTRACKED,
    isMultipleChoice: raw.is_multiple_choice,
    source: location,
  };
}

function applyFilter(rows: readonly ShopBenchRow[], filter: DatasetFilter, path: string): ShopBenchRow[] {
  const tasks = filter.tasks && filter.tasks.length > 0 ? new Set(filter.tasks) : undefined;
  // any spelling of a track (track1, its display name, its id); a name that matches none lists the dataset's tracks
  const tracks = filter.tracks && filter.tracks.length > 0 ? new Set(resolveTrackNames(filter.tracks, [...new Set(rows.map((row) => row.track))], path)) : undefined;
  const perTask = new Map<string, number>();
  const kept = rows.filter((row) => {
    if (tasks && !tasks.has(row.taskName)) return false;
    if (tracks && !tracks.has(row.track)) return false;
    const count = perTask.get(row.taskName) ?? 0;
    if (filter.limit !== undefined && count >= filter.limit) return false;
    perTask.set(row.taskName, count + 1);
    return true;
  });
  if (kept.length === 0) {
    const known = [...new Set(rows.map((row) => row.taskName))].join(', ');
    const knownTracks = [...new Set(rows.map((row) => row.track))].map(describeTrack).join('; ');
    throw new DatasetError(`${path}: no rows match the filter (tasks in this dataset: ${known}; tracks: ${knownTracks})`, {
      hint: 'Check --tasks / --tracks against the task_name and track values of the dataset.',
    });
  }
  return kept;
}
