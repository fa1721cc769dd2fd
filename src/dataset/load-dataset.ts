import type { MetricName, ShopBenchRow, TaskType, Truth } from './row';
import { DatasetError, formatLocation, type InputLocation } from '../errors';
import { metricDefinition } from '../scoring/metrics/registry';
import { ContentHash } from './content-hash';
import { listDatasetFiles, type DatasetFile } from './dataset-files';
import { InvalidRows, type InvalidRow } from './invalid-rows';
import { byteHasher, readJsonRecords } from './read-json-records';
import { contentRowId } from './row-id';
import { loadTrackMap, mappedTrack, type TrackMap } from './track-map';
import { createRowValidator, type RawRow, type RowValidator } from './validate-row';

export interface Dataset {
  /** The `--data` path: a file, or a folder of .json/.jsonl files. */
  readonly path: string;
  /** SHA-256 of the normalised rows (see content-hash.ts): the same rows in any container hash the same. */
  readonly sha256: string;
  readonly rows: readonly ShopBenchRow[];
  /** Each file read, with the SHA-256 of its bytes and its row count. */
  readonly files: readonly { readonly path: string; readonly sha256: string; readonly rows: number }[];
  /** Invalid rows left out by `skipInvalidRows` (the first ones listed, all counted). */
  readonly skipped: { readonly count: number; readonly rows: readonly InvalidRow[] };
}

export interface DatasetFilter {
  /** Keep only these task names. */
  readonly tasks?: readonly string[];
  /** Keep only these tracks. */
  readonly tracks?: readonly string[];
  /** Keep at most this many rows per task (the first ones in file order). */
  readonly limit?: number;
}

export interface DatasetOptions {
  /** Score the valid rows and list the invalid ones, instead of refusing the dataset. */
  readonly skipInvalidRows?: boolean;
  /** A JSON file mapping file paths or task names to tracks, for rows without `track`. */
  readonly trackMap?: string;
}

/** The track of rows that have none. */
export const UNTRACKED = 'untracked';

/**
 * Reads and validates a whole dataset (a file, or every .json/.jsonl file under a folder) before anything else
 * happens. Every invalid row is listed at once in one DatasetError, unless `skipInvalidRows` leaves them out.
 */
export async function loadDataset(path: string, filter: DatasetFilter = {}, options: DatasetOptions = {}): Promise<Dataset> {
  const trackMap = options.trackMap === undefined ? undefined : await loadTrackMap(options.trackMap);
  const validate = createRowValidator();
  const invalid = new InvalidRows();
  const seenIds = new Map<string, InputLocation>();
  const rows: ShopBenchRow[] = [];
  const files: Dataset['files'][number][] = [];
  for (const file of await listDatasetFiles(path)) {
    const start = rows.length;
    const hasher = byteHasher();
    try {
      for await (const record of readJsonRecords(file.path, hasher.update)) {
        if (record.kind === 'invalid') invalid.add(record.location, record.message);
        else acceptRecord(record.value, record.location, { file, validate, seenIds, rows, invalid });
      }
    } catch (error) {
      // a broken file structure ends that file; the other files are still checked
      if (!(error instanceof DatasetError) || error.location === undefined) throw error;
      invalid.add(error.location, error.message.slice(formatLocation(error.location).length + 2));
    }
    nameTasksOfMixedFile(rows, start, file);
    files.push({ path: file.path, sha256: hasher.digest(), rows: rows.length - start });
  }
  if (invalid.count > 0 && options.skipInvalidRows !== true) throw invalid.toError(path);
  if (rows.length === 0) throw new DatasetError(`${path}: the dataset has no ${invalid.count > 0 ? 'valid ' : ''}rows`);
  const withTracks = rows.map((row) => (row.track === UNTRACKED ? withMappedTrack(row, trackMap) : row));
  const hash = new ContentHash();
  for (const row of withTracks) hash.add(row);
  return {
    path,
    sha256: hash.digest(),
    rows: applyFilter(withTracks, filter, path),
    files,
    skipped: { count: invalid.count, rows: invalid.listed },
  };
}

interface RecordContext {
  readonly file: DatasetFile;
  readonly validate: RowValidator;
  readonly seenIds: Map<string, InputLocation>;
  readonly rows: ShopBenchRow[];
  readonly invalid: InvalidRows;
}

function acceptRecord(value: unknown, location: InputLocation, context: RecordContext): void {
  const checked = context.validate(value);
  if ('reason' in checked) return context.invalid.add(location, checked.reason);
  const raw = checked.row;
  const mismatch = metricMismatch(raw);
  if (mismatch !== undefined) return context.invalid.add(location, mismatch);
  const id = uniqueId(raw, location, context.seenIds);
  if ('reason' in id) return context.invalid.add(location, id.reason);
  context.rows.push(toRow(raw, id.id, location, context.file));
}

/** Each metric scores the answers of one task type (the dataset's pairing); anything else would score nonsense silently. */
function metricMismatch(raw: RawRow): string | undefined {
  const definition = metricDefinition(raw.metric as MetricName);
  if (definition.taskType === raw.task_type) return undefined;
  return `metric "${raw.metric}" scores ${definition.taskType} rows, but task_type is "${raw.task_type}"`;
}

function uniqueId(raw: RawRow, location: InputLocation, seen: Map<string, InputLocation>): { id: string } | { reason: string } {
  if (raw.id !== undefined) {
    const id = String(raw.id);
    const first = seen.get(id);
    if (first) return { reason: `id "${id}" is used twice (first at ${formatLocation(first)})` };
    seen.set(id, location);
    return { id };
  }
  const base = contentRowId(raw);
  let id = base;
  for (let copy = 2; seen.has(id); copy += 1) id = `${base}#${copy}`;
  seen.set(id, location);
  return { id };
}

/** A row without task_name: its file's path in a folder dataset, else its task type and metric. */
function defaultTaskName(raw: RawRow, file: DatasetFile): string {
  if (file.relativePath !== undefined) return file.relativePath.replace(/\.jsonl?$/i, '');
  return `${raw.task_type}/${raw.metric}`;
}

function toRow(raw: RawRow, id: string, location: InputLocation, file: DatasetFile): ShopBenchRow {
  return {
    id,
    input: raw.input_field,
    truth: raw.output_field as Truth,
    taskType: raw.task_type as TaskType,
    metric: raw.metric as MetricName,
    taskName: raw.task_name ?? defaultTaskName(raw, file),
    track: raw.track ?? UNTRACKED,
    isMultipleChoice: raw.is_multiple_choice,
    source: location,
    ...(file.relativePath === undefined ? {} : { folderFile: file.relativePath }),
    ...(raw.task_name === undefined ? { unnamedTask: true as const } : {}),
  };
}

/** A folder file whose unnamed rows mix metrics is several tasks: each gets the file's path plus its metric. */
function nameTasksOfMixedFile(rows: ShopBenchRow[], start: number, file: DatasetFile): void {
  if (file.relativePath === undefined) return;
  const unnamed = rows.slice(start).filter((row) => row.unnamedTask === true);
  if (new Set(unnamed.map((row) => row.metric)).size < 2) return;
  for (let index = start; index < rows.length; index += 1) {
    const row = rows[index] as ShopBenchRow;
    if (row.unnamedTask === true) rows[index] = { ...row, taskName: `${row.taskName}/${row.metric}` };
  }
}

function withMappedTrack(row: ShopBenchRow, trackMap: TrackMap | undefined): ShopBenchRow {
  const track = mappedTrack(trackMap, row.folderFile, row.taskName);
  return track === undefined ? row : { ...row, track };
}

function applyFilter(rows: readonly ShopBenchRow[], filter: DatasetFilter, path: string): ShopBenchRow[] {
  const tasks = filter.tasks && filter.tasks.length > 0 ? new Set(filter.tasks) : undefined;
  const tracks = filter.tracks && filter.tracks.length > 0 ? new Set(filter.tracks) : undefined;
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
    throw new DatasetError(`${path}: no rows match the filter (tasks in this dataset: ${known})`, {
      hint: 'Check --tasks / --tracks against the task_name and track values of the dataset.',
    });
  }
  return kept;
}
