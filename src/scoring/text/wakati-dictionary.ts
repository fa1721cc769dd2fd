import type { CharacterInfo, LexiconEntry, MecabDictionary } from './mecab-lattice';
import type { WakatiTables } from './wakati-tables';

/** doublearray's root node and terminal code. */
const TRIE_ROOT = 0;
const TRIE_TERMINAL = 0;
const NOT_FOUND = -1;

function entriesAt(start: Int32Array, entries: Int16Array, key: number): LexiconEntry[] {
  const from = start[key] ?? 0;
  const to = start[key + 1] ?? from;
  const list: LexiconEntry[] = [];
  for (let index = from; index < to; index += 1) {
    const offset = index * 3;
    list.push({ leftId: entries[offset] ?? 0, rightId: entries[offset + 1] ?? 0, wordCost: entries[offset + 2] ?? 0 });
  }
  return list;
}

/** The lattice's dictionary over the compact tables; answers exactly as the kuromoji-backed one does. */
export function wakatiDictionary(tables: WakatiTables): MecabDictionary {
  const { base, check, costs } = tables;
  // doublearray's getBase/getCheck past the end (never equal to a parent), then traverse
  const baseAt = (index: number) => (index < base.length ? (base[index] ?? NOT_FOUND) : -index + 1);
  const traverse = (parent: number, code: number): number => {
    const child = baseAt(parent) + code;
    if (child < 0) return NOT_FOUND;
    const owner = child < check.length ? check[child] : -child - 1;
    return owner === parent ? child : NOT_FOUND;
  };
  // per-instance caches of immutable entries, so the lattice sees one object per entry as before
  const wordsByTrieId = new Map<number, LexiconEntry[]>();
  const unknownByCategory = new Map<number, LexiconEntry[]>();
  const characterCache = new Map<number, CharacterInfo>();
  const backwardDimension = costs[1] ?? 0;
  return {
    prefixSearch(utf8, byteStart) {
      const found: (readonly [number, readonly LexiconEntry[]])[] = [];
      let parent = TRIE_ROOT;
      for (let index = byteStart; index < utf8.length; index += 1) {
        const child = traverse(parent, utf8[index] ?? 0);
        if (child === NOT_FOUND) break;
        parent = child;
        const terminal = traverse(child, TRIE_TERMINAL);
        const leafBase = terminal === NOT_FOUND ? 1 : baseAt(terminal);
        if (leafBase > 0) continue;
        const trieId = -leafBase - 1;
        let entries = wordsByTrieId.get(trieId);
        if (entries === undefined) {
          entries = entriesAt(tables.entryStart, tables.entries, trieId);
          wordsByTrieId.set(trieId, entries);
        }
        found.push([index + 1 - byteStart, entries]);
      }
      return found;
    },
    characterInfo(codePoint) {
      const key = codePoint < tables.categoryMasks.length ? codePoint : 0;
      let info = characterCache.get(key);
      if (info === undefined) {
        const category = tables.defaultCategories[key] ?? 0;
        info = {
          categoryMask: tables.categoryMasks[key] ?? 0,
          defaultCategory: category,
          invoke: tables.invoke[category] === 1,
          group: tables.group[category] === 1,
          length: tables.length[category] ?? 0,
        };
        characterCache.set(key, info);
      }
      return info;
    },
    unknownEntries(category) {
      let entries = unknownByCategory.get(category);
      if (entries === undefined) {
        entries = entriesAt(tables.unknownStart, tables.unknownEntries, category);
        unknownByCategory.set(category, entries);
      }
      return entries;
    },
    connectionCost: (rightIdOfLeft, leftIdOfRight) => costs[rightIdOfLeft * backwardDimension + leftIdOfRight + 2] ?? 0,
  };
}
