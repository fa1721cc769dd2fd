/**
 * The compact segmentation dictionary: only what MeCab's lattice reads for -Owakati (the trie, each word's
 * connection ids and cost, the connection matrix, the unknown-word classes), as flat typed arrays.
 */
import { buildCharacterTable, readEntries, type KuromojiInternals } from './kuromoji-dictionary';
import type { LexiconEntry } from './mecab-lattice';

export interface WakatiTables {
  /** kuromoji's double-array trie over UTF-8 bytes (a leaf's base is -trieId - 1). */
  readonly base: Int32Array;
  readonly check: Int32Array;
  /** Entries of trie id t are triples entryStart[t] .. entryStart[t + 1] of `entries`. */
  readonly entryStart: Int32Array;
  /** (leftId, rightId, wordCost) triples, in kuromoji's order for each surface. */
  readonly entries: Int16Array;
  /** The same for unknown-word entries, per character category. */
  readonly unknownStart: Int32Array;
  readonly unknownEntries: Int16Array;
  /** kuromoji's connection-cost buffer: forward and backward dimension, then the matrix row by row. */
  readonly costs: Int16Array;
  /** Per UCS-2 code point: its category mask and its first category. */
  readonly categoryMasks: Uint32Array;
  readonly defaultCategories: Uint8Array;
  /** Per category: INVOKE, GROUP (0 or 1) and LENGTH. */
  readonly invoke: Uint8Array;
  readonly group: Uint8Array;
  readonly length: Uint8Array;
}

/** Packs per-key entry lists into start offsets and triples. */
function packEntries(count: number, entriesOf: (key: number) => readonly LexiconEntry[]): { start: Int32Array; entries: Int16Array } {
  const start = new Int32Array(count + 1);
  const lists: (readonly LexiconEntry[])[] = [];
  let total = 0;
  for (let key = 0; key < count; key += 1) {
    const list = entriesOf(key);
    lists.push(list);
    start[key] = total;
    total += list.length;
  }
  start[count] = total;
  const entries = new Int16Array(total * 3);
  let position = 0;
  for (const list of lists) {
    for (const entry of list) {
      entries[position] = entry.leftId;
      entries[position + 1] = entry.rightId;
      entries[position + 2] = entry.wordCost;
      position += 3;
    }
  }
  return { start, entries };
}

/** A category is a bit of a 32-bit mask. */
const CATEGORY_LIMIT = 32;

function maxKey(map: Record<number, unknown>): number {
  let max = -1;
  for (const key of Object.keys(map)) max = Math.max(max, Number(key));
  return max;
}

/** Extracts the tables from kuromoji's loaded dictionary (done once, then cached on disk). */
export function wakatiTablesFromKuromoji(internals: KuromojiInternals): WakatiTables {
  const words = internals.token_info_dictionary;
  const unknown = internals.unknown_dictionary;
  const packedWords = packEntries(maxKey(words.target_map) + 1, (trieId) => readEntries(words.dictionary, words.target_map[trieId]));
  const packedUnknown = packEntries(maxKey(unknown.target_map) + 1, (category) =>
    readEntries(unknown.dictionary, unknown.target_map[category]),
  );
  const characters = buildCharacterTable(internals);
  const categoryMasks = new Uint32Array(characters.length);
  const defaultCategories = new Uint8Array(characters.length);
  const invoke = new Uint8Array(CATEGORY_LIMIT);
  const group = new Uint8Array(CATEGORY_LIMIT);
  const length = new Uint8Array(CATEGORY_LIMIT);
  characters.forEach((info, codePoint) => {
    categoryMasks[codePoint] = info.categoryMask;
    defaultCategories[codePoint] = info.defaultCategory;
    invoke[info.defaultCategory] = info.invoke ? 1 : 0;
    group[info.defaultCategory] = info.group ? 1 : 0;
    length[info.defaultCategory] = info.length;
  });
  const bc = internals.viterbi_builder.trie.bc;
  return {
    base: Int32Array.from(bc.getBaseBuffer()),
    check: Int32Array.from(bc.getCheckBuffer()),
    entryStart: packedWords.start,
    entries: packedWords.entries,
    unknownStart: packedUnknown.start,
    unknownEntries: packedUnknown.entries,
    costs: Int16Array.from(internals.viterbi_searcher.connection_costs.buffer),
    categoryMasks,
    defaultCategories,
    invoke,
    group,
    length,
  };
}
