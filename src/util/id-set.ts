import { hash53, probeSlot } from './id-index';

const MAX_LOAD = 0.7;

/**
 * A set of id strings kept as 53-bit hashes only (8 bytes a slot, at most 70% full): five million ids take 57 MB.
 * Two ids colliding is about 1 in 10^10 per million; a caller that needs more than membership re-reads the file.
 */
export class IdSet {
  private keys: Float64Array;
  private used = 0;

  /** `expected`: how many ids are likely to be added, so the set never grows. */
  constructor(expected = 0) {
    this.keys = new Float64Array(Math.max(4096, Math.ceil(expected / MAX_LOAD) + 1));
  }

  has(id: string): boolean {
    return this.keys[this.find(hash53(id))] !== 0;
  }

  /** Adds `id`; false when it was there already. */
  add(id: string): boolean {
    if (this.used + 1 > this.keys.length * MAX_LOAD) this.grow();
    const key = hash53(id);
    const slot = this.find(key);
    if (this.keys[slot] !== 0) return false;
    this.keys[slot] = key;
    this.used += 1;
    return true;
  }

  private find(key: number): number {
    return probeSlot(this.keys, key);
  }

  private grow(): void {
    const old = this.keys;
    this.keys = new Float64Array(Math.ceil(old.length * 1.5));
    for (const key of old) if (key !== 0) this.keys[this.find(key)] = key;
  }
}
