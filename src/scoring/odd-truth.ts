import type { JsonValue, PyInt, Truth } from '../dataset/row';
import type { ItemScore } from './types';

/**
 * Truths whose JSON type is not the one a metric expects (a multiple-choice truth "3", a retrieval truth ["6"], a
 * rougel truth [..]). Public ShopBench-format sets contain them; the official code compares them as Python would
 * (`3 == "3"` is False, so the row scores 0) or raises. These helpers say which truths are odd and reproduce the
 * Python semantics both profiles share; each metric unit (scoring/metrics/) says which truths it expects and calls them.
 */

/** An odd truth's score and, when it scores 0 or raises, why (for the warning that lists these rows). */
export interface OddTruthScore {
  readonly score: ItemScore;
  readonly why?: string;
}

/** Python's type name of a JSON value as json.load gives it (a JSON 3.0 reads as the JS number 3: `int` here). */
export function pyTypeName(value: JsonValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return Array.isArray(value) ? 'list' : 'dict';
}

export function raises(error: string, message: string): OddTruthScore {
  return { score: { kind: 'error', error, message }, why: `the official code raises ${error} (${message})` };
}

function isContainer(value: JsonValue): boolean {
  return value !== null && typeof value === 'object';
}

/** Python `prediction == truth` for an int prediction: numeric for int, float and bool truths (True == 1), else False. */
export function pyIntEquals(prediction: PyInt, truth: JsonValue): boolean {
  if (typeof truth === 'boolean') return BigInt(prediction) === (truth ? 1n : 0n);
  if (typeof truth === 'number') return Number.isInteger(truth) ? BigInt(prediction) === BigInt(truth) : false;
  return false;
}

/** A set element's key under Python equality with ints (True == 1, 6.0 == 6); undefined for elements no int equals. */
function intSetKey(value: JsonValue): string | undefined {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value).toString();
  return undefined;
}

/** `len(set(truth) & set(retrieved[:3])) / len(truth)` for any truth (both profiles' hit rate). */
export function oddHitRate(retrieved: readonly PyInt[], truth: JsonValue): OddTruthScore {
  const type = pyTypeName(truth);
  if (truth === null || (typeof truth !== 'object' && typeof truth !== 'string'))
    return raises('TypeError', `'${type}' object is not iterable`);
  // iterating a str gives its characters, a dict its keys: strings, which no int equals
  const elements: readonly JsonValue[] = typeof truth === 'string' ? Array.from(truth) : Array.isArray(truth) ? truth : Object.keys(truth);
  const unhashable = elements.find(isContainer);
  if (unhashable !== undefined) return raises('TypeError', `unhashable type: '${pyTypeName(unhashable)}'`);
  if (elements.length === 0) return raises('ZeroDivisionError', 'division by zero');
  const top = new Set(retrieved.slice(0, 3).map((item) => BigInt(item).toString()));
  const hits = new Set(elements.map(intSetKey).filter((key): key is string => key !== undefined && top.has(key))).size;
  const value = hits / elements.length;
  const why = value === 0 ? `the truth is a ${type} of ${describeElements(elements)}; no parsed int equals one of them` : undefined;
  return { score: { kind: 'value', value }, ...(why === undefined ? {} : { why }) };
}

/** The entity strings `for l in truth: l.lower()` sees (both profiles' tp/fp/fn), or what it raises. */
export function entityTruth(truth: JsonValue): { strings: string[] } | OddTruthScore {
  if (typeof truth === 'string') return { strings: Array.from(truth) };
  if (truth === null || typeof truth !== 'object') return raises('TypeError', `'${pyTypeName(truth)}' object is not iterable`);
  const elements: readonly JsonValue[] = Array.isArray(truth) ? truth : Object.keys(truth);
  const other = elements.find((item) => typeof item !== 'string');
  if (other !== undefined) return raises('AttributeError', `'${pyTypeName(other)}' object has no attribute 'lower'`);
  return { strings: elements as string[] };
}

/** Ranking weights as numpy sees them (a bool is 0 / 1); undefined when an element is no number. */
export function numericWeights(truth: JsonValue): number[] | undefined {
  if (!Array.isArray(truth)) return undefined;
  const weights: number[] = [];
  for (const item of truth as readonly JsonValue[]) {
    if (typeof item === 'boolean') weights.push(item ? 1 : 0);
    else if (typeof item === 'number') weights.push(item);
    else return undefined;
  }
  return weights;
}

/** Python `str(value)` of a JSON value, as far as a one-character comparison can tell. */
export function pythonStr(value: Truth): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export function accuracyWhy(prediction: string, truth: JsonValue): string {
  return `the truth is a ${pyTypeName(truth)} (${JSON.stringify(truth)}); the official accuracy compares the parsed answer with it: ${prediction} == ${pyRepr(truth)} is False`;
}

function describeElements(elements: readonly JsonValue[]): string {
  const types = [...new Set(elements.map(pyTypeName))];
  return types.length === 0 ? 'nothing' : types.join('/');
}

function pyRepr(value: JsonValue): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return JSON.stringify(value);
}
