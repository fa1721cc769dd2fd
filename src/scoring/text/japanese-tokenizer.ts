/**
 * sacrebleu 2.4.1's `ja-mecab` tokenizer for jp-bleu (parity README M7): MeCab -Owakati with IPADIC on
 * `line.strip()`, output `.strip()`.  The dictionary is kuromoji's bundled IPADIC build; the segmentation
 * is MeCab's own algorithm (mecab-lattice.ts), not kuromoji's.
 */
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import { pyStrip } from './python-string';
import { segmentLikeMecab, type CharacterInfo, type LexiconEntry, type MecabDictionary } from './mecab-lattice';

export interface JapaneseTokenizer {
  /** Space-separated MeCab surfaces of the (already lowercased and rstripped) line. */
  tokenize(line: string): string;
}

export interface JapaneseTokenizerOptions {
  /** A kuromoji dictionary directory (the *.dat.gz files); default: the one bundled with kuromoji (IPADIC). */
  readonly dictionaryPath?: string;
}

/** The parts of kuromoji's loaded tokenizer we read (internal fields, checked at load time). */
interface KuromojiBuffer {
  getShort(offset: number): number;
}
interface KuromojiCharacterClass {
  readonly class_name: string;
  readonly is_always_invoke: boolean | number;
  readonly is_grouping: boolean | number;
  readonly max_length: number;
}
interface KuromojiInternals {
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
    readonly trie: { traverse(parent: number, code: number): number; readonly bc: { getBase(index: number): number } };
  };
  readonly viterbi_searcher: { readonly connection_costs: { get(forwardId: number, backwardId: number): number } };
}

/** IPADIC char.def's SPACE code points; kuromoji's builder also files every unlisted (DEFAULT) character under SPACE. */
const IPADIC_SPACE_CODE_POINTS = new Set([0x20, 0xd0, 0x09, 0x0b, 0x0a]);
/** doublearray's root node, terminal code and "no such child". */
const TRIE_ROOT = 0;
const TRIE_TERMINAL = 0;
const TRIE_NOT_FOUND = -1;

function isKuromojiInternals(value: unknown): value is KuromojiInternals {
  const candidate = value as Partial<KuromojiInternals> | undefined;
  return (
    typeof candidate?.viterbi_builder?.trie?.traverse === 'function' &&
    typeof candidate.viterbi_builder.trie.bc?.getBase === 'function' &&
    typeof candidate.viterbi_searcher?.connection_costs?.get === 'function' &&
    candidate.token_info_dictionary?.target_map !== undefined &&
    candidate.unknown_dictionary?.character_definition?.character_category_map instanceof Uint8Array
  );
}

function readEntries(dictionary: KuromojiBuffer, ids: readonly number[] | undefined): LexiconEntry[] {
  return (ids ?? []).map((id) => ({
    leftId: dictionary.getShort(id),
    rightId: dictionary.getShort(id + 2),
    wordCost: dictionary.getShort(id + 4),
  }));
}

/** MeCab's char table from kuromoji's maps: mask = first category plus the compatible ones. */
function buildCharacterTable(internals: KuromojiInternals): CharacterInfo[] {
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

function toMecabDictionary(internals: KuromojiInternals): MecabDictionary {
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

function defaultDictionaryPath(): string {
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}

/** Loads the dictionary (about a second); keep the instance for the whole run. */
export async function loadJapaneseTokenizer(options: JapaneseTokenizerOptions = {}): Promise<JapaneseTokenizer> {
  const dicPath = options.dictionaryPath ?? defaultDictionaryPath();
  const loaded = await new Promise<unknown>((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer)));
  });
  if (!isKuromojiInternals(loaded)) throw new Error(`kuromoji at ${dicPath} does not expose the dictionary fields this tokenizer reads`);
  const dictionary = toMecabDictionary(loaded);
  return {
    // TokenizerJaMecab: MeCab parses line.strip(); the wakati output is stripped again
    tokenize: (line) => pyStrip(segmentLikeMecab(dictionary, pyStrip(line)).join(' ')),
  };
}
