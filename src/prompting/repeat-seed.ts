import { createHash } from 'node:crypto';

/** The seed a run uses when `--repeats` is over 1 and no `--seed` was given: fixed, so reruns hit the cache. */
export const DEFAULT_REPEAT_SEED = 0;

/**
 * The seed of repeat `repeat` (0-based): repeat 0 keeps the run's seed; later ones get a seed hashed from (seed,
 * repeat), so they differ from each other and from any other run's base seed, and the cache keeps them apart.
 */
export function repeatSeed(seed: number, repeat: number): number {
  if (repeat === 0) return seed;
  return createHash('sha256').update(`shopeval-repeat\u0000${seed}\u0000${repeat}`).digest().readUInt32LE(0) & 0x7fffffff;
}
