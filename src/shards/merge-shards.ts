import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { datasetIdentity } from '../dataset/dataset-identity';
import { openDataset, type DatasetFilter, type DatasetOptions, type StreamedDataset } from '../dataset/load-dataset';
import type { ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { DatasetError, RunDirectoryError } from '../errors';

import { ResponseLog, RESPONSES_FILE, type ResponseEntries } from '../rundir/response-log-file';
import { writeRunManifest, type RunManifest } from '../rundir/manifest-file';
import { loadScoringResources } from '../pipeline/score-outputs';
import { scoreLoggedAnswers } from '../pipeline/score-logged-answers';
import { lockDirectory } from '../rundir/directory-lock';
import { checkOutputDirectory, resultDirectoryKind, RESULT_DIRECTORY_FILES } from '../rundir/output-guard';
import { prepareResultsDirectory } from '../rundir/publish-results';
import type { RunSummary } from '../scoring/records';
import { shardOfId } from './shard';
import { readShardSet, unsharded, type ShardSet } from './shard-manifests';

export interface MergeShardsOptions {
  /** The shards' run directories (all N, any order). */
  readonly directories: readonly string[];
  readonly out: string;
  /** The dataset, when it moved since the shards ran (its content must hash the same). @default the shards' dataset.path */
  readonly data?: string;
  readonly datasetOptions?: DatasetOptions;
  /** Embedding backends for the semantic metrics (as the shards had: the merged scores are recomputed). */
  readonly resolveEmbedders?: (dataset: StreamedDataset) => Promise<ResolvedEmbedders>;
  /** Replace a run already in --out. */
  readonly force?: boolean;
}

export interface MergeOutcome {
  readonly directory: string;
  readonly manifest: RunManifest;
  readonly summary: RunSummary;
  readonly shards: number;
}

/**
 * Joins the N shard runs of one run into one run directory: their answers are copied into one response log in dataset
 * order and scored in one pass by the code `run` scores with, so summary.json is byte for byte the unsharded run's.
 */
export async function mergeShards(options: MergeShardsOptions): Promise<MergeOutcome> {
  const shards = await readShardSet(options.directories);
  const first = shards.runs[0]?.manifest;
  if (first === undefined) throw new RunDirectoryError('merge needs the run directories of the shards');
  const filter: DatasetFilter = {
    ...(first.filters.tasks === null ? {} : { tasks: first.filters.tasks }),
    ...(first.filters.tracks === null ? {} : { tracks: first.filters.tracks }),
    ...(first.filters.limit === null ? {} : { limit: first.filters.limit }),
  };
  // shards that left invalid rows out (--skip-invalid-rows) are merged over the same valid rows
  const skipInvalidRows = options.datasetOptions?.skipInvalidRows === true || (first.dataset.skipped_rows ?? 0) > 0;
  const dataset = await openDataset(options.data ?? first.dataset.path, filter, { ...options.datasetOptions, skipInvalidRows });
  if (dataset.sha256 !== first.dataset.sha256) {
    throw new DatasetError(
      `${dataset.path}: its rows are not the ones the shards answered (content sha256 ${dataset.sha256}, the shards' ${first.dataset.sha256})`,
      {
        hint: "Pass the shards' dataset with --data (and the same --track-map / --skip-invalid-rows they ran with).",
      },
    );
  }
  const embeddings = options.resolveEmbedders === undefined ? { embedders: {}, unavailable: {} } : await options.resolveEmbedders(dataset);
  const resources = await loadScoringResources(dataset.metrics);
  checkOutputDirectory(options.out, {
    command: 'run',
    inputs: options.directories.flatMap((directory) => RESULT_DIRECTORY_FILES.map((file) => join(directory, file))),
  });
  if (resultDirectoryKind(options.out) === 'run' && options.force !== true) {
    throw new RunDirectoryError(`--out ${options.out} already holds a run`, {
      hint: 'Choose a new directory for the merged run, or pass --force to replace it.',
    });
  }
  mkdirSync(options.out, { recursive: true });
  const lock = lockDirectory(options.out, 'shopeval merge');
  try {
    prepareResultsDirectory(options.out);
    for (const file of RESULT_DIRECTORY_FILES) rmSync(join(options.out, file), { force: true });
    const started = mergedManifest(shards, datasetIdentity(dataset, first.counts?.items ?? 0));
    await writeRunManifest(options.out, started);
    const rows = await copyAnswers(shards, dataset, options.out);
    const result = await scoreLoggedAnswers({
      dataset,
      entries: rows.entries,
      out: options.out,
      profile: first.profile,
      filter,
      resources,
      embeddings,
      stripReasoning: first.strip_reasoning === true,
    });
    rows.close();
    const apiErrors = result.summary.counts.api_errors;
    const manifest: RunManifest = {
      ...started,
      dataset: datasetIdentity(dataset, result.summary.counts.items),
      counts: {
        items: result.summary.counts.items,
        answered: result.summary.counts.items - apiErrors,
        api_errors: apiErrors,
        null_content: result.nullContent,
      },
      ...(result.summary.embeddings === undefined ? {} : { embeddings: result.summary.embeddings }),
    };
    await writeRunManifest(options.out, manifest);
    return { directory: options.out, manifest, summary: result.summary, shards: shards.count };
  } finally {
    lock.release();
  }
}

/** The unsharded run's manifest: the first shard's settings, the earliest start, the latest end, summed cache counts. */
function mergedManifest(shards: ShardSet, dataset: RunManifest['dataset']): RunManifest {
  const manifests = shards.runs.map((run) => run.manifest);
  const [first] = manifests;
  if (first === undefined) throw new RunDirectoryError('merge needs the run directories of the shards');
  const times = (pick: (manifest: RunManifest) => string | null): string[] =>
    manifests
      .flatMap((manifest) => {
        const time = pick(manifest);
        return time === null ? [] : [time];
      })
      .sort();
  return {
    ...unsharded(first),
    dataset,
    started_at: times((manifest) => manifest.started_at)[0] ?? first.started_at,
    resumed_at: [],
    ended_at: times((manifest) => manifest.ended_at).at(-1) ?? null,
    cache: {
      ...first.cache,
      hits: sum(manifests, (manifest) => manifest.cache.hits),
      misses: sum(manifests, (manifest) => manifest.cache.misses),
    },
    counts: null,
    merged_from: shards.runs.map((run) => ({
      shard: `${run.index}/${shards.count}`,
      directory: run.directory,
      started_at: run.manifest.started_at,
      ended_at: run.manifest.ended_at,
    })),
  };
}

function sum(manifests: readonly RunManifest[], pick: (manifest: RunManifest) => number): number {
  return manifests.reduce((total, manifest) => total + pick(manifest), 0);
}

/**
 * Copies each row's logged answer from its shard into the merged log, in dataset order. A row its shard holds no entry
 * for is left out (scored as not answered, exactly as the shard scored it).
 */
async function copyAnswers(
  shards: ShardSet,
  dataset: StreamedDataset,
  out: string,
): Promise<{ entries: ResponseEntries; close: () => void }> {
  const sources = shards.runs.map((run) => ResponseLog.read(join(run.directory, RESPONSES_FILE)));
  const items = shards.runs.reduce((total, run) => total + (run.manifest.counts?.items ?? 0), 0);
  const { log, entries } = ResponseLog.open(join(out, RESPONSES_FILE), items); // sized up front, as run sizes its log
  try {
    for await (const row of dataset.rowsInOrder()) {
      const entry = sources[shardOfId(row.id, shards.count)]?.entries.get(row.id);
      if (entry !== undefined) log.append(entry);
    }
  } catch (error) {
    log.close();
    throw error;
  } finally {
    for (const source of sources) source.close();
  }
  return { entries, close: () => log.close() };
}
