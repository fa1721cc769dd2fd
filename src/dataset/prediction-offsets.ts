import { hash53 } from '../util/id-index';
import { sortByKey } from '../util/sort-by-key';

/**
 * Each prediction's record (byte offset and signed length) by id, in three typed arrays of exactly one entry a
 * prediction, sorted by the id's 53-bit hash and searched by bisection: 16 bytes a prediction (20 past 4 GiB of
 * file), where a hash table 70% full needs 29. Five million predictions take 80 MB. A negative length marks an id
 * already matched.
 */
export class PredictionOffsets {
  private keys: Float64Array;
  private offsets: Float64Array | Uint32Array;
  private lengths: Int32Array;
  private count = 0;
  private readonly wide: boolean;

  /** `expected`: the predictions the file likely holds; `fileBytes`: its size (offsets past 4 GiB need 8 bytes). */
  constructor(expected: number, fileBytes: number) {
    this.wide = fileBytes > 0xffffffff;
    const slots = Math.max(16, expected);
    this.keys = new Float64Array(slots);
    this.offsets = this.wide ? new Float64Array(slots) : new Uint32Array(slots);
    this.lengths = new Int32Array(slots);
  }

  get size(): number {
    return this.count;
  }

  /** Adds one record, in file order (call seal() once all are added). */
  add(id: string, offset: number, length: number): void {
    if (this.count === this.keys.length) this.grow();
    this.keys[this.count] = hash53(id);
    this.offsets[this.count] = offset;
    this.lengths[this.count] = length;
    this.count += 1;
  }

  /** Sorts by key; returns the first id that repeats in file order (its first record's offset, its second record's), if any. */
  seal(): { first: number; second: { offset: number; length: number } } | undefined {
    sortByKey(this.keys, [this.offsets, this.lengths], this.count);
    let repeated: { first: number; second: { offset: number; length: number } } | undefined;
    for (let start = 0; start < this.count;) {
      let end = start + 1;
      while (end < this.count && this.keys[end] === this.keys[start]) end += 1;
      if (end - start > 1) {
        const records = Array.from({ length: end - start }, (_unused, index) => ({
          offset: this.offsets[start + index] as number,
          length: this.lengths[start + index] as number,
        })).sort((a, b) => a.offset - b.offset);
        const [first, second] = records as [{ offset: number }, { offset: number; length: number }];
        if (repeated === undefined || second.offset < repeated.second.offset) repeated = { first: first.offset, second };
      }
      start = end;
    }
    return repeated;
  }

  /** The entry of `id`, or -1. */
  find(id: string): number {
    const key = hash53(id);
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const probe = this.keys[middle] as number;
      if (probe === key) return middle;
      if (probe < key) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  offsetAt(entry: number): number {
    return this.offsets[entry] as number;
  }

  /** The record's length, negative once matched. */
  lengthAt(entry: number): number {
    return this.lengths[entry] as number;
  }

  markMatched(entry: number): void {
    this.lengths[entry] = -Math.abs(this.lengths[entry] as number);
  }

  private grow(): void {
    const slots = Math.ceil(this.keys.length * 1.5);
    const keys = new Float64Array(slots);
    keys.set(this.keys);
    const offsets = this.wide ? new Float64Array(slots) : new Uint32Array(slots);
    offsets.set(this.offsets);
    const lengths = new Int32Array(slots);
    lengths.set(this.lengths);
    this.keys = keys;
    this.offsets = offsets;
    this.lengths = lengths;
  }
}
