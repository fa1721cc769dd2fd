import { createHash } from 'node:crypto';
import { ConfigError } from '../errors';

/** One of N deterministic parts of a dataset: the rows whose id hashes to `index` mod `count`. */
export interface Shard {
  /** 0-based, below `count`. */
  readonly index: number;
  readonly count: number;
}

/** `--shard I/N` (0 <= I < N): a typo is refused naming the flag, before any row is read. */
export function parseShard(text: string, flag = '--shard'): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count) {
    throw new ConfigError(`${flag} ${text}: expected I/N with 0 <= I < N (e.g. 0/4 ... 3/4)`, {
      hint: 'A Slurm array passes --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT; a Kubernetes indexed Job --shard $JOB_COMPLETION_INDEX/<completions>.',
    });
  }
  return { index, count };
}

/**
 * The shard a row belongs to: the first 32 bits (big-endian) of the SHA-256 of its id, mod N. It depends on the id
 * only, so every machine, order and filter agrees without coordination.
 */
export function shardOfId(id: string, count: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % count;
}

export function inShard(id: string, shard: Shard): boolean {
  return shard.count === 1 || shardOfId(id, shard.count) === shard.index;
}

export function describeShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** A library caller's shard, checked like a flag's: integers with 0 <= index < count. */
export function checkShard(shard: Shard | undefined, where: string): Shard | undefined {
  if (shard === undefined) return undefined;
  const { index, count } = shard;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 0 || index >= count) {
    throw new ConfigError(`${where} must be { index, count } integers with 0 <= index < count, got ${JSON.stringify(shard)}`);
  }
  return { index, count };
}
