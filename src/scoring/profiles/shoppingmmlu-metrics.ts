import type { PyInt } from '../../dataset/row';
import { pyInt, pyLower, pyLstrip, pyRstrip, pyStrip } from '../text/python-string';
import { sumCounts } from '../metrics/entity-counts';
import type { ItemScore } from '../types';

/** A ShoppingMMLU metric's return value, or the Python exception it raises (`error` is the type name; 'NaN' for NaN). */
export type MmluResult = { kind: 'value'; value: number } | { kind: 'error'; error: string; message: string };

export interface MmluCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/** A metric's return value as an item score (an exception or NaN becomes an error score). */
export function mmluResultScore(result: MmluResult): ItemScore {
  return result.kind === 'value' ? result : { kind: 'error', error: result.error, message: result.message };
}

function value(result: number): MmluResult {
  return { kind: 'value', value: result };
}

function error(name: string, message: string): MmluResult {
  return { kind: 'error', error: name, message };
}

/** `int()` of each comma piece; pieces where int() raises are skipped (the original's bare except). */
function intsOfCommaPieces(text: string): PyInt[] {
  const values: PyInt[] = [];
  for (const piece of text.split(',')) {
    const parsed = pyInt(piece);
    if (parsed !== null) values.push(parsed);
  }
  return values;
}

/** Python `set(...)` of ints: keys that make 6 and 6n (and equal floats) the same element. */
function intKey(item: PyInt | number): string {
  return typeof item === 'bigint' ? item.toString() : Number.isInteger(item) ? BigInt(item).toString() : String(item);
}

/** `accuracy`: ASCII spaces stripped only, then the first code point against str(truth) (S1); `truth` is str(truth) or an int. */
export function mmluAccuracy(generation: string, truth: number | string): MmluResult {
  const stripped = pyRstrip(pyLstrip(generation, ' '), ' ');
  const first = Array.from(stripped.slice(0, 2))[0];
  return value(first !== undefined && first === String(truth) ? 1 : 0);
}

/** `hit_rate`: the '\n' branch is a no-op, so the whole text is split on ',' (S2); first 3 ints; raises on empty truth. */
export function mmluHitRate(generation: string, truth: readonly number[]): MmluResult {
  const retrieved = mmluRetrievedInts(generation);
  const retrievedKeys = new Set(retrieved.map(intKey));
  const hits = new Set(truth.map(intKey).filter((key) => retrievedKeys.has(key))).size;
  if (truth.length === 0) return error('ZeroDivisionError', 'division by zero');
  return value(hits / truth.length);
}

/** The ints `hit_rate` keeps: `int()` of each comma piece of the stripped text, the first 3. */
export function mmluRetrievedInts(generation: string): PyInt[] {
  return intsOfCommaPieces(pyStrip(generation)).slice(0, 3);
}

/** The ints `ndcg_eval` ranks, before it truncates them to len(truth). */
export function mmluRankedInts(generation: string): PyInt[] {
  let text = generation;
  if (text.includes('\n')) text = pyRstrip(pyLstrip(text, '\n'), '\n').split('\n')[0] ?? '';
  return intsOfCommaPieces(pyStrip(text));
}

/** `tp_fp_fn`: first line, ASCII-space strip, split on ',', drop exactly-empty pieces, no literal_eval (S3). */
export function mmluTpFpFn(generation: string, truth: readonly string[]): { tp: number; fp: number; fn: number } {
  const firstLine = pyLstrip(generation, '\n').split('\n')[0] ?? '';
  const answers = pyStrip(firstLine, ' ')
    .split(',')
    .filter((answer) => answer !== '')
    .map((answer) => pyStrip(pyLower(answer), ' '));
  const truthLower = truth.map((item) => pyLower(item));
  const truthSet = new Set(truthLower);
  const tp = new Set(answers.filter((answer) => truthSet.has(answer))).size;
  return { tp, fp: answers.length - tp, fn: truthLower.length - tp };
}

/** Python `weight[index]` with negative indexing; undefined where Python raises IndexError. */
function pythonIndex(weights: readonly number[], index: PyInt): number | undefined {
  const length = BigInt(weights.length);
  const position = BigInt(index);
  if (position >= length || position < -length) return undefined;
  return weights[Number(position < 0n ? position + length : position)];
}

/** Discounted gain of one position, as numpy computes `(np.power(2, rel) - 1) / np.log2(position + 1)`. */
function gain(relevance: number, position: number): number {
  return (Math.pow(2, relevance) - 1) / Math.log2(position + 1);
}

/** `ndcg_eval` + `ndcg` (S4): no <= 5 filter, no de-duplication, Python negative indexing, no zero guard. */
export function mmluNdcg(generation: string, truth: readonly number[]): MmluResult {
  const ranked = mmluRankedInts(generation).slice(0, truth.length);
  let dcg = 0;
  for (const [offset, item] of ranked.entries()) {
    const index = typeof item === 'bigint' ? item - 1n : item - 1;
    let relevance = 0;
    if (index < truth.length) {
      const found = pythonIndex(truth, index);
      if (found === undefined) return error('IndexError', 'list index out of range');
      relevance = found;
    }
    dcg += gain(relevance, offset + 1);
  }
  // the original sorts the caller's list in place; we sort a copy
  const ideal = [...truth].sort((left, right) => right - left);
  let idcg = 0;
  for (const [offset, relevance] of ideal.entries()) idcg += gain(relevance, offset + 1);
  // empty truth: int 0 / int 0 raises; otherwise numpy float division gives nan/inf
  if (truth.length === 0) return error('ZeroDivisionError', 'division by zero');
  const score = dcg / idcg;
  if (Number.isNaN(score)) return error('NaN', 'ndcg is NaN (all-zero truth weights)');
  if (!Number.isFinite(score)) return error('inf', 'ndcg is infinite');
  return value(score);
}

/** `compute_f1_score`: summed counts, no zero guards on precision / recall (S6). */
export function mmluMicroF1(counts: readonly MmluCounts[]): MmluResult {
  const { tp, fp, fn } = sumCounts(counts);
  if (tp + fp === 0 || tp + fn === 0) return error('ZeroDivisionError', 'division by zero');
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  if (precision + recall === 0) return value(0);
  return value((2 * precision * recall) / (precision + recall));
}
