import type { PyInt, TaskType } from '../../dataset/row';
import { pyInt, pyIsNumeric, pyStrip, sliceCodePoints } from '../text/python-string';
import { literalEvalStringList } from './python-literal';

/** parse() first cuts the response to 5000 code points (P1). */
const MAX_RESPONSE_CODE_POINTS = 5000;
const RANKING_MAX_ITEM = 5;
const RANKING_MAX_ITEMS = 5;
const RETRIEVAL_MAX_ITEMS = 3;

/** `int(response.strip()[0])`, -1 on any exception (P2): only the first code point counts. */
function parseMultipleChoice(response: string): number {
  const first = Array.from(pyStrip(response).slice(0, 2))[0];
  if (first === undefined) return -1;
  const value = pyInt(first);
  return typeof value === 'number' ? value : -1;
}

/** Keep numeric code points, ',' and ' ' (every other char is deleted, not a separator: P4), then int() each comma item (P5). */
function commaSeparatedInts(response: string): PyInt[] {
  let cleaned = '';
  for (const ch of response) {
    // ASCII answers ("1, 4, 3") need no table: the only numeric ASCII characters are 0-9
    const unit = ch.charCodeAt(0);
    const kept = unit < 0x80 ? unit === 0x2c || unit === 0x20 || (unit >= 0x30 && unit <= 0x39) : pyIsNumeric(ch);
    if (kept) cleaned += ch;
  }
  const items: PyInt[] = [];
  for (const piece of cleaned.split(',')) {
    const value = pyInt(piece);
    if (value !== null) items.push(value);
  }
  return items;
}

/** Items <= 5, the first 5, and only then emptied when duplicated (P6). */
function parseRanking(response: string): PyInt[] {
  const items = commaSeparatedInts(response)
    .filter((item) => item <= RANKING_MAX_ITEM)
    .slice(0, RANKING_MAX_ITEMS);
  const distinct = new Set(items.map((item) => String(item)));
  return distinct.size === items.length ? items : [];
}

/** No filter, no de-duplication: the first 3 items (P6). */
function parseRetrieval(response: string): PyInt[] {
  return commaSeparatedInts(response).slice(0, RETRIEVAL_MAX_ITEMS);
}

/** literal_eval of the unstripped text if it is a list of str, else comma split, Python strip, empties dropped (P7). */
function parseNamedEntities(response: string): string[] {
  const literal = literalEvalStringList(response);
  if (literal !== null) return literal;
  return response
    .split(',')
    .map((entity) => pyStrip(entity))
    .filter((entity) => entity !== '');
}

/** What parsers.py makes of a response, by task type. */
export interface KddParsed {
  readonly 'multiple-choice': number;
  readonly ranking: PyInt[];
  readonly retrieval: PyInt[];
  readonly named_entity_recognition: string[];
  readonly generation: string;
}

/** One parser per task type, as ShoppingBenchTaskParsers dispatches on it. */
const KDD_PARSERS: { readonly [K in TaskType]: (truncated: string) => KddParsed[K] } = {
  'multiple-choice': parseMultipleChoice,
  ranking: parseRanking,
  retrieval: parseRetrieval,
  named_entity_recognition: parseNamedEntities,
  generation: (truncated) => pyStrip(truncated),
};

/** `ShoppingBenchTaskParsers(taskType).parse(response)` of the official parsers.py 0.1.1, typed by task type. */
export function parseKddCup2024<K extends TaskType>(taskType: K, response: string): KddParsed[K] {
  // the official parse() raises NotImplementedError for a task type it does not know
  if (!Object.hasOwn(KDD_PARSERS, taskType)) throw new Error(`Task type '${String(taskType)}' is not supported.`);
  return KDD_PARSERS[taskType](sliceCodePoints(response, MAX_RESPONSE_CODE_POINTS));
}
