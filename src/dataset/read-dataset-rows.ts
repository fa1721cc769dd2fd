import { DatasetError, formatLocation, type InputLocation } from '../errors';
import { metricDefinition } from '../scoring/metrics/registry';
import { IdSet } from '../util/id-set';
import type { DatasetFile } from './dataset-files';
import type { InvalidRows } from './invalid-rows';
import { readJsonRecordBatches, type JsonRecord } from './read-json-records';
import type { RowPosition, RowPositions } from './row-positions';
import { contentRowId, questionRowId } from './row-id';
import type { DatasetRow, MetricName, TaskType, Truth } from './row';
import { createRowValidator, type RawRow } from './validate-row';

/** How rows are named beyond their own fields: folder files whose unnamed rows mix metrics get `/<metric>` appended. */
export interface RowNaming {
  readonly mixedFiles: ReadonlySet<string>;
}

/** What the validating pass learnt, so later passes need no id index: rows to skip and duplicate rows' ids, by `file:line`. */
export interface KnownRows {
  readonly skip: Set<string>;
  readonly duplicateIds: Map<string, string>;
}

export interface ReadRowsOptions {
  readonly files: readonly DatasetFile[];
  /** Given on a later pass (filled by the first one when passed empty with `learn`). */
  readonly known?: KnownRows;
  /** This pass validates and fills `known` for the next ones. */
  readonly learn?: boolean;
  /** Every invalid row goes here (a broken file structure too: that file ends there). */
  readonly invalid?: InvalidRows;
  readonly naming?: RowNaming;
  /** Rows the files likely hold (the learning pass sizes its id index with it, so it never grows). */
  readonly expectedRows?: number;
  /** Sees each file's bytes (byte hashes) and learns when a file is done. */
  readonly onBytes?: (fileIndex: number, chunk: Buffer) => void;
  /** A later pass reads only these records (a filtered pass's), by offset, instead of every file whole. */
  readonly only?: RowPositions;
  /** Sees the position of each row just before it is yielded (a filtered pass records its rows' positions). */
  readonly onPosition?: (position: RowPosition) => void;
}

/**
 * Streams the valid rows of a dataset's files in order, with their ids (explicit, or content ids with `#2`... for
 * duplicates; ids are remembered as 53-bit hashes, not strings, so a million rows stay small) and default task names.
 */
export async function* readDatasetRows(options: ReadRowsOptions): AsyncGenerator<DatasetRow> {
  const validate = createRowValidator();
  const learning = options.learn === true || options.known === undefined;
  const ids = learning ? new IdSet(options.expectedRows ?? 0) : undefined;
  const known = options.known;
  const reject = (location: InputLocation, reason: string): void => {
    options.invalid?.add(location, reason);
    if (options.learn === true) known?.skip.add(formatLocation(location));
  };
  const rowOf = (fileIndex: number, record: JsonRecord): DatasetRow | undefined => {
    const file = options.files[fileIndex];
    if (file === undefined) return undefined;
    if (record.kind === 'invalid') {
      reject(record.location, record.message);
      return undefined;
    }
    if (!learning && known?.skip.has(formatLocation(record.location)) === true) return undefined;
    const checked = validate(record.value);
    const reason = 'reason' in checked ? checked.reason : metricMismatch(checked.row);
    if (reason !== undefined || !('row' in checked)) {
      reject(record.location, reason ?? 'invalid row');
      return undefined;
    }
    let id: string;
    if (ids === undefined) {
      id =
        known?.duplicateIds.get(formatLocation(record.location)) ??
        (checked.row.id === undefined ? derivedId(checked.row) : String(checked.row.id));
    } else {
      const unique = uniqueId(checked.row, ids);
      if ('repeated' in unique) {
        options.invalid?.addRepeatedId(record.location, unique.repeated);
        if (options.learn === true) known?.skip.add(formatLocation(record.location));
        return undefined;
      }
      id = unique.id;
      if (options.learn === true && id.includes('#') && checked.row.id === undefined)
        known?.duplicateIds.set(formatLocation(record.location), id);
    }
    options.onPosition?.({ fileIndex, offset: record.offset, length: record.length, line: record.location.position });
    return toRow(checked.row, id, record.location, file, options.naming);
  };
  if (options.only !== undefined) {
    for (const { fileIndex, record } of options.only.records(options.files)) {
      const row = rowOf(fileIndex, record);
      if (row !== undefined) yield row;
    }
    return;
  }
  for await (const { fileIndex, records } of everyRecord(options)) {
    for (const record of records) {
      const row = rowOf(fileIndex, record);
      if (row !== undefined) yield row;
    }
  }
}

/** Every record of every file, a chunk's records at a time; a broken file structure ends that file as one invalid record, and the other files are still read. */
async function* everyRecord(options: Pick<ReadRowsOptions, 'files' | 'onBytes'>): AsyncGenerator<FileRecords> {
  for (const [fileIndex, file] of options.files.entries()) {
    try {
      for await (const records of readJsonRecordBatches(file.path, (chunk) => options.onBytes?.(fileIndex, chunk)))
        yield { fileIndex, records };
    } catch (error) {
      if (!(error instanceof DatasetError) || error.location === undefined) throw error;
      const message = error.message.slice(formatLocation(error.location).length + 2);
      yield { fileIndex, records: [{ kind: 'invalid', message, location: error.location }] };
    }
  }
}

/** Records of one file, in order. */
interface FileRecords {
  readonly fileIndex: number;
  readonly records: readonly JsonRecord[];
}

/** Each metric scores the answers of one task type (the dataset's pairing); anything else would score nonsense silently. */
function metricMismatch(raw: RawRow): string | undefined {
  if (raw.metric === undefined || raw.task_type === undefined) return undefined; // a test-set row may name neither
  const definition = metricDefinition(raw.metric as MetricName);
  if (definition.taskType === raw.task_type) return undefined;
  return `metric "${raw.metric}" scores ${definition.taskType} rows, but task_type is "${raw.task_type}"`;
}

function uniqueId(raw: RawRow, seen: IdSet): { id: string } | { repeated: string } {
  if (raw.id !== undefined) {
    const id = String(raw.id);
    return seen.add(id) ? { id } : { repeated: id };
  }
  const base = derivedId(raw);
  let id = base;
  for (let copy = 2; seen.has(id); copy += 1) id = `${base}#${copy}`;
  seen.add(id);
  return { id };
}

/** Where each id first appears on a valid row (a repeated id's first row, for the message), in one more pass. */
export async function firstRowsWithIds(files: readonly DatasetFile[], ids: ReadonlySet<string>): Promise<Map<string, InputLocation>> {
  const validate = createRowValidator();
  const found = new Map<string, InputLocation>();
  for await (const { records } of everyRecord({ files })) {
    for (const record of records) {
      if (record.kind === 'invalid') continue;
      const checked = validate(record.value);
      if (!('row' in checked) || metricMismatch(checked.row) !== undefined || checked.row.id === undefined) continue;
      const id = String(checked.row.id);
      if (ids.has(id) && !found.has(id)) found.set(id, record.location);
      if (found.size === ids.size) return found;
    }
  }
  return found;
}

/** A labelled row's content id; a test-set row (no truth) has only its prompt to go by. */
function derivedId(raw: RawRow): string {
  return 'output_field' in raw ? contentRowId(raw) : questionRowId(raw.input_field);
}

/** A row without task_name: its file's path in a folder dataset (plus the metric when the file mixes them), else its task type and metric. */
function defaultTaskName(raw: RawRow, file: DatasetFile, naming: RowNaming | undefined): string {
  // a test-set row without task_type: the competition's only visible split, multiple choice or not
  const kind =
    raw.task_type === undefined
      ? raw.is_multiple_choice === true
        ? 'multiple-choice'
        : 'open-ended'
      : `${raw.task_type}/${raw.metric ?? 'unscored'}`;
  if (file.relativePath === undefined) return kind;
  const name = file.relativePath.replace(/\.jsonl?$/i, '');
  return naming?.mixedFiles.has(file.relativePath) === true ? `${name}/${raw.metric ?? 'unscored'}` : name;
}

/** A row's fields made settable while it is built (one object, no spread copies: this runs once per row per pass). */
type Building<Row> = { -readonly [Key in keyof Row]: Row[Key] };

function toRow(raw: RawRow, id: string, location: InputLocation, file: DatasetFile, naming: RowNaming | undefined): DatasetRow {
  const taskName = raw.task_name ?? defaultTaskName(raw, file, naming);
  const track = raw.track ?? UNTRACKED;
  // the schema makes a row without output_field carry is_multiple_choice, and one with it carry task_type and metric
  const row: Building<DatasetRow> =
    'output_field' in raw && raw.task_type !== undefined && raw.metric !== undefined
      ? {
          id,
          input: raw.input_field,
          taskName,
          track,
          source: location,
          truth: raw.output_field as Truth,
          taskType: raw.task_type as TaskType,
          metric: raw.metric as MetricName,
          isMultipleChoice: raw.is_multiple_choice,
        }
      : {
          id,
          input: raw.input_field,
          taskName,
          track,
          source: location,
          taskType: raw.task_type as TaskType | undefined,
          isMultipleChoice: raw.is_multiple_choice === true,
        };
  if (file.relativePath !== undefined) row.folderFile = file.relativePath;
  if (raw.task_name === undefined) row.unnamedTask = true;
  return row;
}

/** The track of rows that have none. */
export const UNTRACKED = 'untracked';
