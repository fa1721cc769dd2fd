/**
 * Python's `random` module for seeded integers: MT19937 seeded as `random.seed(int)` does (init_by_array over the
 * seed's 32-bit words), with `_randbelow` by rejection over `getrandbits`, so `choice` and `shuffle` match CPython.
 */
export class PythonRandom {
  private readonly state = new Uint32Array(624);
  private index = 624;

  constructor(seed: number) {
    this.seedWith(seed);
  }

  /** random.choice(sequence) */
  choice<T>(sequence: readonly T[]): T {
    const value = sequence[this.randbelow(sequence.length)];
    if (value === undefined) throw new Error('choice from an empty sequence');
    return value;
  }

  /** random.shuffle(list), in place: Fisher-Yates from the end, as CPython does. */
  shuffle<T>(list: T[]): void {
    for (let i = list.length - 1; i > 0; i -= 1) {
      const j = this.randbelow(i + 1);
      const swapped = list[i] as T;
      list[i] = list[j] as T;
      list[j] = swapped;
    }
  }

  /** random._randbelow_with_getrandbits(n) for n < 2**32. */
  randbelow(n: number): number {
    const bits = Math.floor(Math.log2(n)) + 1; // int.bit_length()
    let value = this.getrandbits(bits);
    while (value >= n) value = this.getrandbits(bits);
    return value;
  }

  /** getrandbits(k) for 0 < k <= 32. */
  getrandbits(bits: number): number {
    return this.next32() >>> (32 - bits);
  }

  private seedWith(seed: number): void {
    const key: number[] = [];
    let rest = Math.abs(Math.trunc(seed));
    do {
      key.push(rest % 0x1_0000_0000);
      rest = Math.floor(rest / 0x1_0000_0000);
    } while (rest > 0);
    this.initGenrand(19650218);
    const mt = this.state;
    let i = 1;
    let j = 0;
    for (let k = Math.max(624, key.length); k > 0; k -= 1) {
      const previous = (mt[i - 1] ?? 0) ^ ((mt[i - 1] ?? 0) >>> 30);
      mt[i] = ((mt[i] ?? 0) ^ Math.imul(previous, 1664525)) + (key[j] ?? 0) + j;
      i += 1;
      j += 1;
      if (i >= 624) {
        mt[0] = mt[623] ?? 0;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k -= 1) {
      const previous = (mt[i - 1] ?? 0) ^ ((mt[i - 1] ?? 0) >>> 30);
      mt[i] = ((mt[i] ?? 0) ^ Math.imul(previous, 1566083941)) - i;
      i += 1;
      if (i >= 624) {
        mt[0] = mt[623] ?? 0;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.index = 624;
  }

  private initGenrand(seed: number): void {
    const mt = this.state;
    mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i += 1) {
      const previous = (mt[i - 1] ?? 0) ^ ((mt[i - 1] ?? 0) >>> 30);
      mt[i] = Math.imul(previous, 1812433253) + i;
    }
  }

  private next32(): number {
    const mt = this.state;
    if (this.index >= 624) {
      for (let k = 0; k < 624; k += 1) {
        const y = ((mt[k] ?? 0) & 0x80000000) | ((mt[(k + 1) % 624] ?? 0) & 0x7fffffff);
        mt[k] = (mt[(k + 397) % 624] ?? 0) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index] ?? 0;
    this.index += 1;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}
