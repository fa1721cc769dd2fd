/**
 * Which repeat each pooled item score of one task came from, in stream order (one byte an item for up to 256
 * repeats): a repeat's scores are picked out of the pooled ones when rolled up, instead of being kept twice.
 */
export class RepeatTags {
  private tags: Uint8Array | Uint16Array | Uint32Array;
  private count = 0;

  constructor(private readonly repeats: number) {
    this.tags = this.allocate(1024);
  }

  get length(): number {
    return this.count;
  }

  push(repeat: number): void {
    if (this.count === this.tags.length) {
      const grown = this.allocate(Math.ceil(this.tags.length * 1.5));
      grown.set(this.tags);
      this.tags = grown;
    }
    this.tags[this.count] = repeat;
    this.count += 1;
  }

  /** The pooled scores tagged with `repeat`, in order (`count` of them). */
  pick(pooled: Float64Array, repeat: number, count: number): Float64Array {
    if (pooled.length !== this.count) {
      throw new Error(`repeat tags: ${this.count} items tagged but ${pooled.length} pooled scores (the pooled roll-up saw other items)`);
    }
    const picked = new Float64Array(count);
    let next = 0;
    for (let index = 0; index < this.count && next < count; index += 1) {
      if (this.tags[index] === repeat) picked[next++] = pooled[index] as number;
    }
    if (next !== count) throw new Error(`repeat tags: repeat ${repeat} has ${next} tagged scores, its roll-up counted ${count}`);
    return picked;
  }

  private allocate(length: number): Uint8Array | Uint16Array | Uint32Array {
    if (this.repeats <= 0x100) return new Uint8Array(length);
    return this.repeats <= 0x10000 ? new Uint16Array(length) : new Uint32Array(length);
  }
}
