import { DatasetError } from '../errors';
import { ContentHash } from './content-hash';
import { listDatasetFiles, type DatasetFile } from './dataset-files';
import { countOccurrences } from '../util/count-occurrences';
import { inShard, type Shard } from '../shards/shard';
import { InvalidRows, type InvalidRow } from './invalid-rows';
import { RowPositions, type RowPosition } from './row-positions';
import { byteHasher } from './read-json-records';
import { firstRowsWithIds, readDatasetRows, UNTRACKED, type KnownRows, type ReadRowsOptions, type RowNaming } from './read-dataset-rows';
import type { DatasetRow, MetricName, ShopBenchRow, TestSetRow } from './row';
import { loadTrackMap, mappedTrack, type TrackMap } from './track-map';
import { describeTrack, resolveTrackNames } from './track-names';
import { KindCheck, narrowed } from './dataset-kind';

export { UNTRACKED };

/** What a first pass over the data learns: identity, files, skipped rows, metrics; the rows stream again on demand. */
export interface DatasetScan {
  /** The `--data` path: a file, or a folder of .json/.jsonl files. */
  readonly path: string;
  /** SHA-256 of the normalised rows (see content-hash.ts): the same rows in any container hash the same. */
  readonly sha256: string;
  /** Each file read, with the SHA-256 of its bytes and its row count. */
  readonly files: readonly { readonly path: string; readonly sha256: string; readonly rows: number }[];
  /** Invalid rows left out by `skipInvalidRows` (the first ones listed, all counted). */
  readonly skipped: { readonly count: number; readonly rows: readonly InvalidRow[] };
  /** The metrics of the valid rows (before filters). */
  readonly metrics: ReadonlySet<MetricName>;
}

/** A dataset read once to validate it, whose rows (filtered) stream again from disk as often as needed. */
export interface StreamedRows<Row> extends DatasetScan {
  rowsInOrder(): AsyncGenerator<Row>;
}

/** A labelled dataset (every row has a truth): what `score` and a scored run read. */
export type StreamedDataset = StreamedRows<ShopBenchRow>;

/** A test set (no row has a truth): a run answers it unscored. Its `metrics` set is empty. */
export type StreamedTestSet = StreamedRows<TestSetRow>;

/** What `run` accepts: a labelled dataset or a test set, never a mix. */
export type RunDataset =
  { readonly kind: 'labelled'; readonly dataset: StreamedDataset } | { readonly kind: 'test-set'; readonly dataset: StreamedTestSet };

/** A dataset held in memory (the library's loadDataset, and `run`). */
export interface Dataset extends DatasetScan {
  readonly rows: readonly ShopBenchRow[];
}

export interface DatasetFilter {
  /** Keep only these task names. */
  readonly tasks?: readonly string[];
  /** Keep only these tracks. */
  readonly tracks?: readonly string[];
  /** Keep at most this many rows per task (the first ones in file order). */
  readonly limit?: number;
  /** Keep only this shard's rows (by a hash of the row id), after the other filters: N shards together are the unsharded run. */
  readonly shard?: Shard;
}

/** True when a filter keeps every row (a file's row count is then the run's). */
export function keepsAllRows(filter: DatasetFilter): boolean {
  return (
    filter.tasks === undefined &&
    filter.tracks === undefined &&
    filter.limit === undefined &&
    (filter.shard === undefined || filter.shard.count === 1)
  );
}

export interface DatasetOptions {
  /** Score the valid rows and list the invalid ones, instead of refusing the dataset. */
  readonly skipInvalidRows?: boolean;
  /** A JSON file mapping file paths or task names to tracks, for rows without `track`. */
  readonly trackMap?: string;
}

/** Reads and validates a whole dataset (a file, or every .json/.jsonl file under a folder) and keeps its rows in memory. */
export async function loadDataset(path: string, filter: DatasetFilter = {}, options: DatasetOptions = {}): Promise<Dataset> {
  const streamed = await openDataset(path, filter, options);
  const rows: ShopBenchRow[] = [];
  for await (const row of streamed.rowsInOrder()) rows.push(row);
  const { rowsInOrder: _unused, ...scan } = streamed;
  return { ...scan, rows };
}

/**
 * Validates a whole dataset in one streaming pass before anything else happens: every invalid row is listed at once
 * in one DatasetError, unless `skipInvalidRows` leaves them out. Nothing but the scan's facts stays in memory.
 */
export async function openDataset(path: string, filter: DatasetFilter = {}, options: DatasetOptions = {}): Promise<StreamedDataset> {
  return labelledOnly(await openRunDataset(path, filter, options));
}

/** The labelled dataset; a test set is refused (there is nothing to score its rows against). */
export function labelledOnly(opened: RunDataset): StreamedDataset {
  if (opened.kind === 'labelled') return opened.dataset;
  throw new DatasetError(`${opened.dataset.path}: the rows have no output_field (a test set): there is nothing to score them against`, {
    hint: 'Answer a test set with `shopeval run` (its predictions are written unscored), then score them against the labelled file.',
  });
}

/** Like openDataset, but a test set (rows without output_field) is accepted too; a file mixing both kinds is refused. */
export async function openRunDataset(path: string, filter: DatasetFilter = {}, options: DatasetOptions = {}): Promise<RunDataset> {
  const scan = scanRunDataset(path, filter, options);
  for (;;) {
    const step = await scan.next();
    if (step.done === true) return step.value.opened;
  }
}

/** What a caller of the validating pass learns before its rows come. */
export interface ScanHooks {
  /** About how many rows the files hold (counted from their keys before any row is parsed; see expectedRows). */
  readonly expectedRows?: (count: number) => void;
}

/** What the validating pass ends with: the dataset, and whether its rows stream again exactly as that pass yielded them. */
export interface ScannedDataset {
  readonly opened: RunDataset;
  /** No filter drops rows and no name is learnt only at the end (a folder file whose unnamed rows mix metrics). */
  readonly rowsFinal: boolean;
}

/**
 * openRunDataset's validating pass, yielding each valid row as it goes (tracked by the --track-map, not filtered),
 * so a caller can use the rows while they are read (score in one pass) when `rowsFinal` says they are the dataset's.
 * Once a row is invalid and invalid rows are refused, no more rows are yielded (the pass still lists them all);
 * the errors are thrown at the end, as openRunDataset throws them.
 */
export async function* scanRunDataset(
  path: string,
  filter: DatasetFilter = {},
  options: DatasetOptions = {},
  hooks: ScanHooks = {},
): AsyncGenerator<DatasetRow, ScannedDataset, undefined> {
  const trackMap = options.trackMap === undefined ? undefined : await loadTrackMap(options.trackMap);
  const files = await listDatasetFiles(path);
  const invalid = new InvalidRows();
  const hashers = files.map(() => byteHasher());
  const counts = files.map(() => 0);
  const unnamedMetrics = files.map(() => new Set<string>());
  const metrics = new Set<MetricName>();
  // the rows' own tracks and what names them otherwise, to know the dataset's final tracks before the rows stream again
  const trackSources = new Map<
    string,
    { track: string; folderFile: string | undefined; taskName: string; metric: string; unnamed: boolean }
  >();
  const hash = new ContentHash();
  const indexOf = new Map(files.map((file, index) => [file.path, index]));
  const known: KnownRows = { skip: new Set(), duplicateIds: new Map() };
  const kinds = new KindCheck();
  const expected = await expectedRows(files);
  hooks.expectedRows?.(expected);
  for await (const row of readDatasetRows({
    files,
    invalid,
    known,
    learn: true,
    expectedRows: expected,
    onBytes: (index, chunk) => hashers[index]?.update(chunk),
  })) {
    kinds.add(row);
    const fileIndex = indexOf.get(row.source.file) ?? 0;
    counts[fileIndex] = (counts[fileIndex] ?? 0) + 1;
    if ('truth' in row) {
      if (row.unnamedTask === true) unnamedMetrics[fileIndex]?.add(row.metric);
      metrics.add(row.metric);
    }
    if (row.track === UNTRACKED) {
      const source = {
        track: row.track,
        folderFile: row.folderFile,
        taskName: row.taskName,
        metric: 'truth' in row ? row.metric : '',
        unnamed: row.unnamedTask === true,
      };
      trackSources.set(JSON.stringify(source), source);
    } else if (!trackSources.has(row.track))
      trackSources.set(row.track, { track: row.track, folderFile: undefined, taskName: '', metric: '', unnamed: false });
    hash.add(row);
    if (options.skipInvalidRows === true || invalid.count === 0) yield withMappedTrack(row, trackMap);
  }
  if (invalid.repeatedIds.size > 0) invalid.resolveRepeatedIds(await firstRowsWithIds(files, invalid.repeatedIds));
  if (invalid.count > 0 && options.skipInvalidRows !== true) throw invalid.toError(path);
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) throw new DatasetError(`${path}: the dataset has no ${invalid.count > 0 ? 'valid ' : ''}rows`);
  const naming: RowNaming = {
    mixedFiles: new Set(
      files.flatMap((file, index) =>
        (unnamedMetrics[index]?.size ?? 0) > 1 && file.relativePath !== undefined ? [file.relativePath] : [],
      ),
    ),
  };
  hash.addNaming([...naming.mixedFiles].sort(), trackMap === undefined ? [] : [...trackMap.entries()].sort());
  const tracks = [...new Set([...trackSources.values()].map((source) => finalTrack(source, naming, trackMap)))];
  // any spelling of a track (track1, its display name, its id); a name that matches none lists the dataset's tracks
  const wantedTracks = filter.tracks && filter.tracks.length > 0 ? resolveTrackNames(filter.tracks, tracks, path) : undefined;
  const scan: DatasetScan = {
    path,
    sha256: hash.digest(),
    files: files.map((file, index) => ({ path: file.path, sha256: hashers[index]?.digest() ?? '', rows: counts[index] ?? 0 })),
    skipped: { count: invalid.count, rows: invalid.listed },
    metrics,
  };
  // a filtered pass learns its rows' positions: the next passes read and parse those records only (a shard's, not all)
  const selection: { positions?: RowPositions } = {};
  const rows = (): AsyncGenerator<DatasetRow> =>
    selection.positions === undefined
      ? filteredRows(
          path,
          { files, naming, known },
          trackMap,
          { ...filter, ...(wantedTracks === undefined ? {} : { tracks: wantedTracks }) },
          tracks,
          keepsAllRows(filter) ? undefined : { total, learnt: (positions) => (selection.positions = positions) },
        )
      : mappedRows({ files, naming, known, only: selection.positions }, trackMap);
  const kind = kinds.verdict(path);
  const rowsFinal = keepsAllRows(filter) && naming.mixedFiles.size === 0;
  if (kind === 'test-set')
    return {
      opened: { kind, dataset: { ...scan, rowsInOrder: () => narrowed(rows(), (row): row is TestSetRow => !('truth' in row)) } },
      rowsFinal,
    };
  return {
    opened: { kind, dataset: { ...scan, rowsInOrder: () => narrowed(rows(), (row): row is ShopBenchRow => 'truth' in row) } },
    rowsFinal,
  };
}

/** The rows' count from their keys, without parsing: every row has one input_field (see countOccurrences). */
async function expectedRows(files: readonly DatasetFile[]): Promise<number> {
  let count = 0;
  for (const file of files) count += await countOccurrences(file.path, '"input_field"');
  return count;
}

/** A row's track once named: its own, or the --track-map's for its file or (final) task name, or untracked. */
function finalTrack(
  source: { track: string; folderFile: string | undefined; taskName: string; metric: string; unnamed: boolean },
  naming: RowNaming,
  trackMap: TrackMap | undefined,
): string {
  if (source.track !== UNTRACKED) return source.track;
  const mixed = source.unnamed && source.folderFile !== undefined && naming.mixedFiles.has(source.folderFile);
  return mappedTrack(trackMap, source.folderFile, mixed ? `${source.taskName}/${source.metric}` : source.taskName) ?? UNTRACKED;
}

/** A filtered pass's rows read again by position (the filters already applied), tracked as the first pass tracked them. */
async function* mappedRows(source: ReadRowsOptions, trackMap: TrackMap | undefined): AsyncGenerator<DatasetRow> {
  for await (const named of readDatasetRows(source)) yield withMappedTrack(named, trackMap);
}

function withMappedTrack(named: DatasetRow, trackMap: TrackMap | undefined): DatasetRow {
  const mapped = named.track === UNTRACKED ? mappedTrack(trackMap, named.folderFile, named.taskName) : undefined;
  return mapped === undefined ? named : { ...named, track: mapped };
}

/** Keep a filtered pass's positions only while they are at most this share of the rows (more read about as fast whole). */
const MAX_SELECTED_SHARE = 0.5;

/**
 * The rows again, named and tracked, through the filters; no row matching them is an error. `record` (a filtered
 * pass) learns the kept rows' positions once the pass is complete, unless they are most of the dataset.
 */
async function* filteredRows(
  path: string,
  source: ReadRowsOptions,
  trackMap: TrackMap | undefined,
  filter: DatasetFilter,
  allTracks: readonly string[],
  record?: { readonly total: number; readonly learnt: (positions: RowPositions) => void },
): AsyncGenerator<DatasetRow> {
  const tasks = filter.tasks && filter.tasks.length > 0 ? new Set(filter.tasks) : undefined;
  const tracks = filter.tracks && filter.tracks.length > 0 ? new Set(filter.tracks) : undefined;
  const perTask = new Map<string, number>();
  const known = new Set<string>();
  let kept = 0;
  let positions = record === undefined ? undefined : new RowPositions();
  let position: RowPosition | undefined;
  const onPosition = positions === undefined ? undefined : (at: RowPosition): void => void (position = at);
  for await (const named of readDatasetRows(onPosition === undefined ? source : { ...source, onPosition })) {
    const row = withMappedTrack(named, trackMap);
    known.add(row.taskName);
    if (tasks && !tasks.has(row.taskName)) continue;
    if (tracks && !tracks.has(row.track)) continue;
    const count = perTask.get(row.taskName) ?? 0;
    if (filter.limit !== undefined && count >= filter.limit) continue;
    perTask.set(row.taskName, count + 1);
    if (filter.shard !== undefined && !inShard(row.id, filter.shard)) continue; // after --limit: the shards split the same rows the unsharded run answers
    kept += 1;
    if (positions !== undefined && position !== undefined) positions.add(position);
    if (positions !== undefined && record !== undefined && positions.size > record.total * MAX_SELECTED_SHARE) positions = undefined;
    yield row;
  }
  if (positions !== undefined && kept > 0) record?.learnt(positions);
  if (kept === 0) {
    throw new DatasetError(
      `${path}: no rows match the filter (tasks in this dataset: ${[...known].join(', ')}; tracks: ${allTracks.map(describeTrack).join('; ')})`,
      {
        hint: 'Check --tasks / --tracks against the task_name and track values of the dataset.',
      },
    );
  }
}
