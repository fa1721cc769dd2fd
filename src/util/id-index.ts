const MIN_SLOTS = 4096;
const MAX_LOAD = 0.7;

/** Slots for `count` ids at most MAX_LOAD full. */
function slotsFor(count: number): number {
  return Math.max(MIN_SLOTS, Math.ceil(count / MAX_LOAD) + 1);
}

/**
 * A map from id strings to two numbers (a file offset and a signed 32-bit length, a file and a line) that keeps no
 * strings: ids are hashed to 53 bits in typed arrays (20 bytes a slot, at most 70% full), so a million ids take
 * about 30 MB where a Map of strings takes well over 100. Two ids colliding in 53
 * bits is about 1 in 10^10 for a million ids; the caller re-reads the record at the offset when it needs the id itself.
 * It grows by half (not doubling) and can be sized up front, because at a million ids the old and new arrays of a
 * doubling are most of the run's peak memory.
 */
export class IdIndex {
  private keys: Float64Array;
  private first: Float64Array;
  private second: Int32Array;
  private used = 0;

  /** `expected`: how many ids are likely to be set (e.g. the dataset's rows), so no growth is needed. */
  constructor(expected = 0) {
    const slots = slotsFor(expected);
    this.keys = new Float64Array(slots);
    this.first = new Float64Array(slots);
    this.second = new Int32Array(slots);
  }

  get size(): number {
    return this.used;
  }

  get(id: string): [number, number] | undefined {
    const slot = this.find(hash53(id));
    return this.keys[slot] === 0 ? undefined : [this.first[slot] as number, this.second[slot] as number];
  }

  has(id: string): boolean {
    return this.keys[this.find(hash53(id))] !== 0;
  }

  set(id: string, first: number, second: number): void {
    if (this.used + 1 > this.keys.length * MAX_LOAD) this.grow();
    const key = hash53(id);
    const slot = this.find(key);
    if (this.keys[slot] === 0) this.used += 1;
    this.keys[slot] = key;
    this.first[slot] = first;
    this.second[slot] = second;
  }

  /** Every entry's two numbers, in slot order. */
  *values(): Generator<[number, number]> {
    for (let slot = 0; slot < this.keys.length; slot += 1) {
      if (this.keys[slot] !== 0) yield [this.first[slot] as number, this.second[slot] as number];
    }
  }

  private find(key: number): number {
    return probeSlot(this.keys, key);
  }

  private grow(): void {
    const { keys, first, second } = this;
    const slots = Math.ceil(keys.length * 1.5);
    this.keys = new Float64Array(slots);
    this.first = new Float64Array(slots);
    this.second = new Int32Array(slots);
    for (let slot = 0; slot < keys.length; slot += 1) {
      const key = keys[slot] as number;
      if (key === 0) continue;
      const target = this.find(key);
      this.keys[target] = key;
      this.first[target] = first[slot] as number;
      this.second[target] = second[slot] as number;
    }
  }
}

/** cyrb53: a fast 53-bit string hash; never 0 (0 marks an empty slot). */
/** The slot of `key` in an open-addressing table of non-zero keys (linear probing): its own, or the empty one it goes in. */
export function probeSlot(keys: Float64Array, key: number): number {
  const slots = keys.length;
  let slot = key % slots;
  while (keys[slot] !== 0 && keys[slot] !== key) slot = slot + 1 === slots ? 0 : slot + 1;
  return slot;
}

export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1;
}
