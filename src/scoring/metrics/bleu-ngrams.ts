/**
 * sacrebleu's n-gram statistics of one hypothesis against one reference: for each order 1..4, the matched n-grams
 * (each clipped by the reference's count) and the hypothesis n-grams. All values are integer counts, so the order
 * in which they are summed does not change them.
 */

const MAX_NGRAM_ORDER = 4;

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
  const counts = [0, 0, 0, 0];
  const totals = [0, 0, 0, 0];
  for (let order = 1; order <= MAX_NGRAM_ORDER; order += 1) {
    const hypothesisKeys = sortedNgramKeys(hypothesisIds, order, base);
    counts[order - 1] = clippedMatches(hypothesisKeys, sortedNgramKeys(referenceIds, order, base));
    totals[order - 1] = hypothesisKeys.length;
  }
  return { counts, totals };
}

function numbered(tokens: readonly string[], ids: Map<string, number>): Int32Array {
  const numbers = new Int32Array(tokens.length);
  tokens.forEach((token, index) => {
    let id = ids.get(token);
    if (id === undefined) ids.set(token, (id = ids.size));
    numbers[index] = id;
  });
  return numbers;
}

function sortedNgramKeys(ids: Int32Array, order: number, base: number): Float64Array {
  const keys = new Float64Array(Math.max(0, ids.length - order + 1));
  for (let start = 0; start < keys.length; start += 1) {
    let key = 0;
    for (let offset = 0; offset < order; offset += 1) key = key * base + (ids[start + offset] as number);
    keys[start] = key;
  }
  return keys.sort();
}

/** Sum over distinct n-grams of min(hypothesis count, reference count), by merging two sorted key lists. */
function clippedMatches(hypothesis: Float64Array, reference: Float64Array): number {
  let matches = 0;
  let left = 0;
  let right = 0;
  while (left < hypothesis.length && right < reference.length) {
    const key = hypothesis[left] as number;
    const other = reference[right] as number;
    if (key < other) left += 1;
    else if (key > other) right += 1;
    else {
      const hypothesisEnd = runEnd(hypothesis, left);
      const referenceEnd = runEnd(reference, right);
      matches += Math.min(hypothesisEnd - left, referenceEnd - right);
      left = hypothesisEnd;
      right = referenceEnd;
    }
  }
  return matches;
}

/** Where the run of keys equal to keys[start] ends. */
function runEnd(keys: Float64Array, start: number): number {
  let end = start + 1;
  while (end < keys.length && keys[end] === keys[start]) end += 1;
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
