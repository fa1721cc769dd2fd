/**
 * kuromoji's bundled IPADIC as a MecabDictionary, read straight from kuromoji's loaded tokenizer (about a second
 * and 250+ MiB). It is the source the compact wakati dictionary is built from, and the reference it is tested against.
 */
import { dirname, join } from 'node:path';
import type { CharacterInfo, LexiconEntry, MecabDictionary } from './mecab-lattice';

/** The parts of kuromoji's loaded tokenizer we read (internal fields, checked at load time). */
export interface KuromojiBuffer {
  getShort(offset: number): number;
}
interface KuromojiCharacterClass {
  readonly class_name: string;
  readonly is_always_invoke: boolean | number;
  readonly is_grouping: boolean | number;
  readonly max_length: number;
}
export interface KuromojiInternals {
  readonly token_info_dictionary: { readonly dictionary: KuromojiBuffer; readonly target_map: Record<number, number[]> };
  readonly unknown_dictionary: {
    readonly dictionary: KuromojiBuffer;
    readonly target_map: Record<number, number[]>;
    readonly character_definition: {
      readonly character_category_map: Uint8Array;
      readonly compatible_category_map: Uint32Array;
      readonly invoke_definition_map: { readonly map: readonly KuromojiCharacterClass[] };
    };
  };
  readonly viterbi_builder: {
    readonly trie: {
      traverse(parent: number, code: number): number;
      readonly bc: { getBase(index: number): number; getBaseBuffer(): Int32Array; getCheckBuffer(): Int32Array };
    };
  };
  readonly viterbi_searcher: {
    readonly connection_costs: {
      get(forwardId: number, backwardId: number): number;
      readonly buffer: Int16Array;
      readonly backward_dimension: number;
    };
  };
}

/** IPADIC char.def's SPACE code points; kuromoji's builder also files every unlisted (DEFAULT) character under SPACE. */
export const IPADIC_SPACE_CODE_POINTS = new Set([0x20, 0xd0, 0x09, 0x0b, 0x0a]);
/** doublearray's root node, terminal code and "no such child". */
const TRIE_ROOT = 0;
const TRIE_TERMINAL = 0;
const TRIE_NOT_FOUND = -1;

export function isKuromojiInternals(value: unknown): value is KuromojiInternals {
  const candidate = value as Partial<KuromojiInternals> | undefined;
  return (
    typeof candidate?.viterbi_builder?.trie?.traverse === 'function' &&
    typeof candidate.viterbi_builder.trie.bc?.getBase === 'function' &&
    typeof candidate.viterbi_builder.trie.bc.getBaseBuffer === 'function' &&
    typeof candidate.viterbi_searcher?.connection_costs?.get === 'function' &&
    candidate.viterbi_searcher.connection_costs.buffer instanceof Int16Array &&
    candidate.token_info_dictionary?.target_map !== undefined &&
    candidate.unknown_dictionary?.character_definition?.character_category_map instanceof Uint8Array
  );
}

export function readEntries(dictionary: KuromojiBuffer, ids: readonly number[] | undefined): LexiconEntry[] {
  return (ids ?? []).map((id) => ({
    leftId: dictionary.getShort(id),
    rightId: dictionary.getShort(id + 2),
    wordCost: dictionary.getShort(id + 4),
  }));
}

/** MeCab's char table from kuromoji's maps: mask = first category plus the compatible ones. */
export function buildCharacterTable(internals: KuromojiInternals): CharacterInfo[] {
  const definition = internals.unknown_dictionary.character_definition;
  const classes = definition.invoke_definition_map.map;
  const classId = (name: string) => classes.findIndex((characterClass) => characterClass.class_name === name);
  const defaultId = classId('DEFAULT');
  const spaceId = classId('SPACE');
  const table: CharacterInfo[] = [];
  for (let codePoint = 0; codePoint <= 0xffff; codePoint += 1) {
    let category = definition.character_category_map[codePoint] ?? defaultId;
    if (category === spaceId && !IPADIC_SPACE_CODE_POINTS.has(codePoint)) category = defaultId;
    const characterClass = classes[category];
    table.push({
      categoryMask: (1 << category) | (definition.compatible_category_map[codePoint] ?? 0),
      defaultCategory: category,
      invoke: Boolean(characterClass?.is_always_invoke),
      group: Boolean(characterClass?.is_grouping),
      length: characterClass?.max_length ?? 0,
    });
  }
  return table;
}

export function toMecabDictionary(internals: KuromojiInternals): MecabDictionary {
  const characterTable = buildCharacterTable(internals);
  // per-instance caches: entries are immutable dictionary data
  const unknownByCategory = new Map<number, LexiconEntry[]>();
  const wordsByTrieId = new Map<number, LexiconEntry[]>();
  const words = internals.token_info_dictionary;
  const unknown = internals.unknown_dictionary;
  const costs = internals.viterbi_searcher.connection_costs;
  const trie = internals.viterbi_builder.trie;
  return {
    prefixSearch(utf8, byteStart) {
      // doublearray's commonPrefixSearch, on bytes we encode once per sentence instead of once per position
      const found: (readonly [number, readonly LexiconEntry[]])[] = [];
      let parent = TRIE_ROOT;
      for (let index = byteStart; index < utf8.length; index += 1) {
        const child = trie.traverse(parent, utf8[index] ?? 0);
        if (child === TRIE_NOT_FOUND) break;
        parent = child;
        const terminal = trie.traverse(child, TRIE_TERMINAL);
        const base = terminal === TRIE_NOT_FOUND ? 1 : trie.bc.getBase(terminal);
        if (base > 0) continue;
        const trieId = -base - 1;
        let entries = wordsByTrieId.get(trieId);
        if (entries === undefined) {
          entries = readEntries(words.dictionary, words.target_map[trieId]);
          wordsByTrieId.set(trieId, entries);
        }
        found.push([index + 1 - byteStart, entries]);
      }
      return found;
    },
    characterInfo: (codePoint) => characterTable[codePoint] ?? (characterTable[0] as CharacterInfo),
    unknownEntries(category) {
      let entries = unknownByCategory.get(category);
      if (entries === undefined) {
        entries = readEntries(unknown.dictionary, unknown.target_map[category]);
        unknownByCategory.set(category, entries);
      }
      return entries;
    },
    connectionCost: (rightIdOfLeft, leftIdOfRight) => costs.get(rightIdOfLeft, leftIdOfRight),
  };
}

/** kuromoji's own dictionary directory (IPADIC). */
export function defaultDictionaryPath(): string {
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}

/** Loads kuromoji's dictionary from `dicPath` and checks that it exposes the fields we read. */
export async function loadKuromojiInternals(dicPath: string): Promise<KuromojiInternals> {
  // required here, not at the top: only building the compact dictionary (once) needs kuromoji
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kuromoji = require('kuromoji') as typeof import('kuromoji');
  const loaded = await new Promise<unknown>((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer)));
  });
  if (!isKuromojiInternals(loaded)) throw new Error(`kuromoji at ${dicPath} does not expose the dictionary fields this tokenizer reads`);
  return loaded;
}

/** The reference dictionary: kuromoji's data through its own structures. */
export async function loadKuromojiMecabDictionary(dicPath: string = defaultDictionaryPath()): Promise<MecabDictionary> {
  return toMecabDictionary(await loadKuromojiInternals(dicPath));
}
