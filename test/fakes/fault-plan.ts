/** What a fake server does to one generation call instead of answering it. */
export type Fault =
  | 'http-500'
  | 'http-429'
  | 'drop'
  | 'slow'
  | 'malformed-json'
  | 'hold'
  /** A well-formed 200 whose text is null or absent (a reasoning model that spent max_tokens thinking). */
  | 'null-content'
  /** 401 / 500 whose error body echoes the request's Authorization header, as some proxies do. */
  | 'http-401-echo'
  | 'http-500-echo'
  /** 400 Bad Request: no retry can fix it. */
  | 'http-400'
  /** A 200 whose body lacks the answer field altogether (a broken proxy or server): malformed, not an empty answer. */
  | 'missing-content'
  /** 401 whose error body and headers echo the key, in full and masked (`sk-test-SECRET***`), as some gateways do. */
  | 'http-401-echo-masked';

export const TRANSIENT_FAULTS: readonly Fault[] = ['http-500', 'http-429', 'drop', 'slow', 'malformed-json'];

/** Decides, per call (1-based call number, prompt), whether to inject a fault. */
export type FaultPlan = (callNumber: number, prompt: string) => Fault | undefined;

/** A deterministic pseudo-random number stream (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fails a `rate` share of calls, cycling through the given fault kinds. */
export function randomFaults(rate: number, seed: number, kinds: readonly Fault[] = TRANSIENT_FAULTS): FaultPlan {
  const random = seededRandom(seed);
  let injected = 0;
  return () => {
    if (random() >= rate) return undefined;
    injected += 1;
    return kinds[injected % kinds.length];
  };
}
