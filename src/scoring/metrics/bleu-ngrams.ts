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
  const hypothesisKeys = new NgramKeys(hypothesis, ids);
  const referenceKeys = new NgramKeys(reference, ids);
  const base = Math.max(1, ids.size);
  if (base ** MAX_NGRAM_ORDER > Number.MAX_SAFE_INTEGER) return ngramMatchesByString(hypothesis, reference);
  const counts = [0, 0, 0, 0];
  const totals = [0, 0, 0, 0];
  for (let order = 1; order <= MAX_NGRAM_ORDER; order += 1) {
    hypothesisKeys.advance(order, base);
    referenceKeys.advance(order, base);
    counts[order - 1] = clippedMatches(hypothesisKeys, referenceKeys);
    totals[order - 1] = hypothesisKeys.count;
  }
  return { counts, totals };
}

/**
 * One sentence's n-gram keys of the current order, in one buffer reused for orders 1..4: its token ids, the key of
 * the n-gram starting at each position, and the first `count` keys sorted, `length` numbers each (one allocation a
 * sentence: the profile showed the per-order typed arrays and their views).
 */
class NgramKeys {
  readonly buffer: Float64Array;
  readonly length: number;
  /** Where the sorted keys start in `buffer`. */
  readonly sortedStart: number;
  count = 0;

  /** Numbers the tokens in first-seen order over both sentences (`ids` is shared by the pair). */
  constructor(tokens: readonly string[], ids: Map<string, number>) {
    this.length = tokens.length;
    this.sortedStart = 2 * tokens.length;
    this.buffer = new Float64Array(3 * tokens.length);
    for (let index = 0; index < tokens.length; index += 1) {
      const token = tokens[index] as string;
      let id = ids.get(token);
      if (id === undefined) ids.set(token, (id = ids.size));
      this.buffer[index] = id;
    }
  }

  /** From the keys of order - 1 to those of `order` (orders go 1, 2, 3, 4): key * base + the id of the n-gram's last token. */
  advance(order: number, base: number): void {
    const buffer = this.buffer;
    const keysStart = this.length;
    this.count = Math.max(0, this.length - order + 1);
    for (let start = 0; start < this.count; start += 1) {
      const previous = order === 1 ? 0 : (buffer[keysStart + start] as number);
      const key = previous * base + (buffer[start + order - 1] as number);
      buffer[keysStart + start] = key;
      buffer[this.sortedStart + start] = key;
    }
    sortRange(buffer, this.sortedStart, this.sortedStart + this.count);
  }
}

/** Sorts keys[from, to): insertion sort for the short sentences BLEU mostly sees, the built-in sort for long ones. */
function sortRange(keys: Float64Array, from: number, to: number): void {
  if (to - from > INSERTION_SORT_LIMIT) {
    keys.subarray(from, to).sort();
    return;
  }
  for (let index = from + 1; index < to; index += 1) {
    const key = keys[index] as number;
    let hole = index;
    while (hole > from && (keys[hole - 1] as number) > key) {
      keys[hole] = keys[hole - 1] as number;
      hole -= 1;
    }
    keys[hole] = key;
  }
}

/** Sum over distinct n-grams of min(hypothesis count, reference count), by merging two sorted key lists. */
function clippedMatches(hypothesisKeys: NgramKeys, referenceKeys: NgramKeys): number {
  const hypothesis = hypothesisKeys.buffer;
  const reference = referenceKeys.buffer;
  const hypothesisEnd = hypothesisKeys.sortedStart + hypothesisKeys.count;
  const referenceEnd = referenceKeys.sortedStart + referenceKeys.count;
  let matches = 0;
  let left = hypothesisKeys.sortedStart;
  let right = referenceKeys.sortedStart;
  while (left < hypothesisEnd && right < referenceEnd) {
    const key = hypothesis[left] as number;
    const other = reference[right] as number;
    if (key < other) left += 1;
    else if (key > other) right += 1;
    else {
      const hypothesisRunEnd = runEnd(hypothesis, left, hypothesisEnd);
      const referenceRunEnd = runEnd(reference, right, referenceEnd);
      matches += Math.min(hypothesisRunEnd - left, referenceRunEnd - right);
      left = hypothesisRunEnd;
      right = referenceRunEnd;
    }
  }
  return matches;
}

/** Where the run of keys equal to keys[start] ends, below `end`. */
function runEnd(keys: Float64Array, start: number, end: number): number {
  let next = start + 1;
  while (next < end && keys[next] === keys[start]) next += 1;
  return next;
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
