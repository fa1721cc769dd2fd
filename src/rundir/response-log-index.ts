import { hash53, probeSlot } from '../util/id-index';

const MAX_LOAD = 0.7;
/** The largest position 4 bytes hold (a position is the offset doubled, plus the answered bit): past it, 8 bytes. */
const NARROW_MAX = 0xffffffff;

/**
 * The response log's index: item key -> where its entry starts and whether it is an answer, in two typed arrays (the
 * key's 53-bit hash, and the offset doubled plus an answered bit in 4 bytes while the log is under 2 GiB): 12 bytes a
 * slot at most 70% full, so a million items take 17 MB (20 bytes a slot and 29 MB with a length beside the offset;
 * the entry's end is its newline). Two keys colliding in 53 bits is about 1 in 10^10 per million.
 */
export class ResponseLogIndex {
  private keys: Float64Array;
  private positions: Uint32Array | Float64Array;
  private used = 0;

  /** `expected`: how many items are likely to be set (the run's items), so the index never grows. */
  constructor(expected = 0) {
    const slots = Math.max(4096, Math.ceil(expected / MAX_LOAD) + 1);
    this.keys = new Float64Array(slots);
    this.positions = new Uint32Array(slots);
  }

  get size(): number {
    return this.used;
  }

  /** The entry's byte offset and whether it is an answer, or undefined. */
  get(key: string): { offset: number; answered: boolean } | undefined {
    const slot = probeSlot(this.keys, hash53(key));
    if (this.keys[slot] === 0) return undefined;
    const position = this.positions[slot] as number;
    return { offset: Math.floor(position / 2), answered: position % 2 === 1 };
  }

  has(key: string): boolean {
    return this.keys[probeSlot(this.keys, hash53(key))] !== 0;
  }

  isAnswered(key: string): boolean {
    const slot = probeSlot(this.keys, hash53(key));
    return this.keys[slot] !== 0 && (this.positions[slot] as number) % 2 === 1;
  }

  set(key: string, offset: number, answered: boolean): void {
    if (this.used + 1 > this.keys.length * MAX_LOAD) this.grow(Math.ceil(this.keys.length * 1.5));
    const position = offset * 2 + (answered ? 1 : 0);
    if (position > NARROW_MAX && this.positions instanceof Uint32Array) this.positions = Float64Array.from(this.positions);
    const hash = hash53(key);
    const slot = probeSlot(this.keys, hash);
    if (this.keys[slot] === 0) this.used += 1;
    this.keys[slot] = hash;
    this.positions[slot] = position;
  }

  private grow(slots: number): void {
    const { keys, positions } = this;
    this.keys = new Float64Array(slots);
    this.positions = positions instanceof Uint32Array ? new Uint32Array(slots) : new Float64Array(slots);
    for (let slot = 0; slot < keys.length; slot += 1) {
      const key = keys[slot] as number;
      if (key === 0) continue;
      const target = probeSlot(this.keys, key);
      this.keys[target] = key;
      this.positions[target] = positions[slot] as number;
    }
  }
}
