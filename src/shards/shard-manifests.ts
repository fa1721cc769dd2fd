import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RunDirectoryError } from '../errors';
import { resumeCheck } from '../pipeline/run-manifest';
import { readRunManifest, type RunManifest } from '../rundir/manifest-file';
import { BATCH_FILE_FIELDS } from '../batch/ingest-batch';
import { describeShard } from './shard';

/** One shard's finished run directory. */
export interface ShardRun {
  readonly directory: string;
  readonly manifest: RunManifest;
  readonly index: number;
}

/** The shard runs in index order, all N of one run, checked before anything is written. */
export interface ShardSet {
  readonly count: number;
  readonly runs: readonly ShardRun[];
}

/**
 * Reads the shards' manifests and checks they are the N parts of one run: each finished, each sharded with the same N,
 * no index twice, none missing, and every setting a resume must share (data, filters, model, checkpoint, prompt) equal.
 */
export async function readShardSet(directories: readonly string[]): Promise<ShardSet> {
  if (directories.length === 0)
    throw new RunDirectoryError('merge needs the run directories of the shards', {
      hint: 'Pass every shard directory: shopeval merge runs/shard-* --out runs/merged.',
    });
  const runs: ShardRun[] = [];
  for (const directory of directories) runs.push(await readShardRun(directory));
  const first = runs[0];
  if (first === undefined) throw new RunDirectoryError('merge needs the run directories of the shards');
  const count = shardOf(first).count;
  const byIndex = new Map<number, ShardRun>();
  for (const run of runs) {
    const shard = shardOf(run);
    if (shard.count !== count)
      throw new RunDirectoryError(
        `${run.directory} is shard ${describeShard(shard)} but ${first.directory} is shard ${describeShard(shardOf(first))}: not parts of one split`,
        { hint: 'Merge shards run with the same --shard I/N count.' },
      );
    const twin = byIndex.get(shard.index);
    if (twin !== undefined)
      throw new RunDirectoryError(
        `${twin.directory} and ${run.directory} are both shard ${describeShard(shard)}: shards must be disjoint`,
        { hint: 'Pass each shard directory once.' },
      );
    byIndex.set(shard.index, run);
    const differences = shardDifferences(first.manifest, run.manifest);
    if (differences.length > 0) {
      throw new RunDirectoryError(`${run.directory} is not a shard of the same run as ${first.directory}:\n  ${differences.join('\n  ')}`, {
        hint: 'Merge only shards run with the same data, filters, model, checkpoint and prompt settings.',
      });
    }
  }
  const missing = Array.from({ length: count }, (_unused, index) => index).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    const listed = missing.map((index) => `${index}/${count}`).join(', ');
    throw new RunDirectoryError(
      `${missing.length === 1 ? `shard ${listed} is` : `shards ${listed} are`} missing: a merged run must hold all ${count}`,
      { hint: 'Run the missing shards (same flags, their --shard I/N) and pass every directory to merge.' },
    );
  }
  return { count, runs: [...byIndex.values()].sort((a, b) => a.index - b.index) };
}

async function readShardRun(directory: string): Promise<ShardRun> {
  const manifest = readRunManifest(directory);
  if (manifest === undefined)
    throw new RunDirectoryError(`${directory} has no manifest.json: not a shopeval run directory`, {
      hint: 'Pass the --out directories of `shopeval run --shard I/N`.',
    });
  const shard = manifest.filters.shard;
  if (shard === undefined)
    throw new RunDirectoryError(`${directory} is not a shard (its manifest has no filters.shard)`, {
      hint: 'Merge the directories of runs made with --shard I/N.',
    });
  if (manifest.ended_at === null || manifest.counts === null || !existsSync(join(directory, 'summary.json'))) {
    throw new RunDirectoryError(`${directory} (shard ${describeShard(shard)}) has not finished`, {
      hint: 'Resume it (run the same command with the same --out) and merge once it has finished.',
    });
  }
  // shards are written by a version with checkpoint identities: one without cannot have been sharded
  if (manifest.identity === undefined)
    throw new RunDirectoryError(`${directory} has no checkpoint identity in its manifest: not a shard of this version`, {
      hint: 'Merge the directories of runs made with --shard I/N.',
    });
  return { directory, manifest: { ...manifest, identity: manifest.identity }, index: shard.index };
}

function shardOf(run: ShardRun): { index: number; count: number } {
  return run.manifest.filters.shard ?? { index: 0, count: 1 };
}

/** What two shards must share: everything a resume must share, the shard itself and each ingest's own files aside. */
function shardDifferences(first: RunManifest, other: RunManifest): string[] {
  return [...resumeCheck(unsharded(first), unsharded(other)).differences];
}

/** A shard's manifest without what only tells the shards apart: the shard, and the batch files of an ingested one. */
export function unsharded(manifest: RunManifest): RunManifest {
  const { shard: _shard, ...filters } = manifest.filters;
  const provider =
    manifest.provider.provider === 'openai-batch'
      ? Object.fromEntries(Object.entries(manifest.provider).filter(([key]) => !(BATCH_FILE_FIELDS as readonly string[]).includes(key)))
      : manifest.provider;
  return { ...manifest, filters, provider: provider as RunManifest['provider'] };
}
