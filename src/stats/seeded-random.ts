/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same stream on every platform,
 * which is what makes bootstrap intervals reproducible. State lives in the closure, never in the module.
 */
export function createSeededRandom(seed: number): RandomSource {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` indices drawn uniformly with replacement from [0, size). */
export function resampleIndices(size: number, count: number, random: RandomSource): number[] {
  const indices = new Array<number>(count);
  for (let position = 0; position < count; position += 1) {
    indices[position] = Math.floor(random() * size);
  }
  return indices;
}
