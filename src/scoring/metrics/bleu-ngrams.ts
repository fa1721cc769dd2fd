/**
 * sacrebleu's n-gram statistics of one hypothesis against one reference: for each order 1..4, the matched n-grams
 * (each clipped by the reference's count) and the hypothesis n-grams. All values are integer counts, so the order
 * in which they are summed does not change them.
 */

const MAX_NGRAM_ORDER = 4;
/** Below this many keys an insertion sort beats the built-in typed-array sort (and its call into the runtime). */
const INSERTION_SORT_LIMIT = 64;

/** sacrebleu's matched n-grams (each clipped by the reference's count) and hypothesis n-grams, per order 1..4. */
export interface NgramMatches {
  readonly counts: number[];
  readonly totals: number[];
}

/**
 * The n-gram statistics by integer ids: tokens are numbered per sentence pair, each n-gram is one number (its ids
 * in base `vocabulary`, exact below 2^53), and sorted keys are merged; no n-gram string or Map entry is made (the
 * profile showed them as garbage). Pairs with too many distinct tokens for exact keys count by strings instead.
 */
export function ngramMatches(hypothesis: readonly string[], reference: readonly string[]): NgramMatches {
  const ids = new Map<string, number>();
  const hypothesisIds = numbered(hypothesis, ids);
  const referenceIds = numbered(reference, ids);
  const base = Math.max(1, ids.size);
  if (base ** MAX_NGRAM_ORDER > Number.MAX_SAFE_INTEGER) return ngramMatchesByString(hypothesis, reference);
  const hypothesisKeys = new NgramKeys(hypothesisIds, base);
  const referenceKeys = new NgramKeys(referenceIds, base);
  const counts = [0, 0, 0, 0];
  const totals = [0, 0, 0, 0];
  for (let order = 1; order <= MAX_NGRAM_ORDER; order += 1) {
    hypothesisKeys.advance(order);
    referenceKeys.advance(order);
    counts[order - 1] = clippedMatches(hypothesisKeys, referenceKeys);
    totals[order - 1] = hypothesisKeys.count;
  }
  return { counts, totals };
}

/** Each token's id, numbered in first-seen order over both sentences. */
function numbered(tokens: readonly string[], ids: Map<string, number>): Int32Array {
  const numbers = new Int32Array(tokens.length);
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as string;
    let id = ids.get(token);
    if (id === undefined) ids.set(token, (id = ids.size));
    numbers[index] = id;
  }
  return numbers;
}

/** One sentence's n-gram keys of the current order: two buffers reused for orders 1..4 instead of two arrays per order. */
class NgramKeys {
  /** The key of the n-gram starting at each position, in sentence order. */
  private readonly keys: Float64Array;
  /** The first `count` keys, sorted. */
  readonly sorted: Float64Array;
  count = 0;

  constructor(
    private readonly ids: Int32Array,
    private readonly base: number,
  ) {
    this.keys = new Float64Array(ids.length);
    this.sorted = new Float64Array(ids.length);
  }

  /** From the keys of order - 1 to those of `order` (orders go 1, 2, 3, 4): key * base + the id of the n-gram's last token. */
  advance(order: number): void {
    this.count = Math.max(0, this.ids.length - order + 1);
    for (let start = 0; start < this.count; start += 1) {
      const previous = order === 1 ? 0 : (this.keys[start] as number);
      this.keys[start] = previous * this.base + (this.ids[start + order - 1] as number);
    }
    this.sorted.set(this.keys.subarray(0, this.count));
    sortPrefix(this.sorted, this.count);
  }
}

/** Sorts sorted[0, count): insertion sort for the short sentences BLEU mostly sees, the built-in sort for long ones. */
function sortPrefix(keys: Float64Array, count: number): void {
  if (count > INSERTION_SORT_LIMIT) {
    keys.subarray(0, count).sort();
    return;
  }
  for (let index = 1; index < count; index += 1) {
    const key = keys[index] as number;
    let hole = index;
    while (hole > 0 && (keys[hole - 1] as number) > key) {
      keys[hole] = keys[hole - 1] as number;
      hole -= 1;
    }
    keys[hole] = key;
  }
}

/** Sum over distinct n-grams of min(hypothesis count, reference count), by merging two sorted key lists. */
function clippedMatches(hypothesisKeys: NgramKeys, referenceKeys: NgramKeys): number {
  const hypothesis = hypothesisKeys.sorted;
  const reference = referenceKeys.sorted;
  const hypothesisCount = hypothesisKeys.count;
  const referenceCount = referenceKeys.count;
  let matches = 0;
  let left = 0;
  let right = 0;
  while (left < hypothesisCount && right < referenceCount) {
    const key = hypothesis[left] as number;
    const other = reference[right] as number;
    if (key < other) left += 1;
    else if (key > other) right += 1;
    else {
      const hypothesisEnd = runEnd(hypothesis, left, hypothesisCount);
      const referenceEnd = runEnd(reference, right, referenceCount);
      matches += Math.min(hypothesisEnd - left, referenceEnd - right);
      left = hypothesisEnd;
      right = referenceEnd;
    }
  }
  return matches;
}

/** Where the run of keys equal to keys[start] ends, below `count`. */
function runEnd(keys: Float64Array, start: number, count: number): number {
  let end = start + 1;
  while (end < count && keys[end] === keys[start]) end += 1;
  return end;
}

/** The same statistics with space-joined n-gram strings as keys (tokens never contain whitespace). */
function ngramMatchesByString(hypothesis: readonly string[], reference: readonly string[]): NgramMatches {
  const hypothesisNgrams = countNgrams(hypothesis);
  const referenceNgrams = countNgrams(reference);
  const counts = [0, 0, 0, 0];
  const totals = [0, 0, 0, 0];
  hypothesisNgrams.forEach((counter, order) => {
    const referenceCounter = referenceNgrams[order] as Map<string, number>;
    for (const [ngram, count] of counter) {
      totals[order] = (totals[order] ?? 0) + count;
      counts[order] = (counts[order] ?? 0) + Math.min(count, referenceCounter.get(ngram) ?? 0);
    }
  });
  return { counts, totals };
}

/** n-gram counts per order 1..4; each key extends the one of the order below. */
function countNgrams(tokens: readonly string[]): Map<string, number>[] {
  const counters: Map<string, number>[] = [];
  for (let order = 1; order <= MAX_NGRAM_ORDER; order += 1) counters.push(new Map<string, number>());
  for (let start = 0; start < tokens.length; start += 1) {
    let key = '';
    for (let order = 1; order <= MAX_NGRAM_ORDER && start + order <= tokens.length; order += 1) {
      key = order === 1 ? (tokens[start] as string) : `${key} ${tokens[start + order - 1] as string}`;
      const counter = counters[order - 1] as Map<string, number>;
      counter.set(key, (counter.get(key) ?? 0) + 1);
    }
  }
  return counters;
}
