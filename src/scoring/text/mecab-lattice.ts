/**
 * MeCab 0.996's segmentation (Tokenizer::lookup + Viterbi) over an IPADIC-style dictionary, so the
 * jp-bleu tokens match `mecab -Owakati` (sacrebleu ja-mecab, parity README M7).  kuromoji.js only
 * supplies the dictionary data: its own lattice differs from MeCab (spaces become tokens, unknown
 * words are only grouped, never length-n, and category compatibility is ignored).
 */

/** A character's char.def entry: every category it belongs to (bit mask) and its first one. */
export interface CharacterInfo {
  readonly categoryMask: number;
  readonly defaultCategory: number;
  /** INVOKE: add unknown-word candidates even when the dictionary has a word here. */
  readonly invoke: boolean;
  /** GROUP: add one candidate spanning the run of compatible characters. */
  readonly group: boolean;
  /** LENGTH: add candidates of 1..length characters. */
  readonly length: number;
}

/** One dictionary or unknown-word entry: connection ids and word cost. */
export interface LexiconEntry {
  readonly leftId: number;
  readonly rightId: number;
  readonly wordCost: number;
}

/** The dictionary a lattice needs. */
export interface MecabDictionary {
  /** Dictionary words starting at `utf8[byteStart]` (MeCab matches UTF-8 bytes), shortest first, as `[byteLength, entries]`. */
  prefixSearch(utf8: Uint8Array, byteStart: number): readonly (readonly [number, readonly LexiconEntry[]])[];
  characterInfo(codePoint: number): CharacterInfo;
  unknownEntries(category: number): readonly LexiconEntry[];
  connectionCost(rightIdOfLeft: number, leftIdOfRight: number): number;
}

interface LatticeNode {
  /** Where the surface starts (after skipped spaces) and ends, in code points. */
  readonly surfaceStart: number;
  readonly end: number;
  readonly entry: LexiconEntry;
  cost: number;
  previous: LatticeNode | undefined;
}

/** MeCab's DEFAULT_MAX_GROUPING_SIZE: a run longer than 1 + 24 characters gets no grouped candidate. */
const MAX_GROUPING_SIZE = 24;

function newNode(surfaceStart: number, end: number, entry: LexiconEntry): LatticeNode {
  return { surfaceStart, end, entry, cost: 0, previous: undefined };
}

/** The sentence as code points, with its UTF-8 bytes and the byte <-> code point offsets. */
interface EncodedSentence {
  readonly codePoints: readonly number[];
  readonly utf8: Uint8Array;
  /** Byte offset of each code point, plus the total length at the end. */
  readonly byteOffsets: readonly number[];
  /** Code point index starting at a byte offset (only code point boundaries are set). */
  readonly codePointAtByte: ReadonlyMap<number, number>;
}

function encodeSentence(text: string): EncodedSentence {
  const codePoints = Array.from(text, (character) => character.codePointAt(0) ?? 0);
  const utf8 = new TextEncoder().encode(text);
  const byteOffsets = [0];
  const codePointAtByte = new Map([[0, 0]]);
  let offset = 0;
  codePoints.forEach((codePoint, index) => {
    offset += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    byteOffsets.push(offset);
    codePointAtByte.set(offset, index + 1);
  });
  return { codePoints, utf8, byteOffsets, codePointAtByte };
}

/** MeCab `Tokenizer::lookup`: candidates starting at `position`, in MeCab's creation order. */
function lookup(dictionary: MecabDictionary, sentence: EncodedSentence, infos: readonly CharacterInfo[], position: number) {
  const codePoints = sentence.codePoints;
  const characterAt = (index: number) => infos[index] ?? dictionary.characterInfo(0); // past the end MeCab reads the NUL
  const spaceMask = dictionary.characterInfo(0x20).categoryMask;
  let surfaceStart = position;
  // seekToOtherType from the SPACE class: leading spaces belong to the node, not to its surface
  for (let mask = spaceMask; surfaceStart < codePoints.length && (mask & characterAt(surfaceStart).categoryMask) !== 0;) {
    mask = characterAt(surfaceStart).categoryMask;
    surfaceStart += 1;
  }
  const nodes: LatticeNode[] = [];
  if (surfaceStart >= codePoints.length) return nodes;
  const head = characterAt(surfaceStart);
  const byteStart = sentence.byteOffsets[surfaceStart] ?? 0;
  for (const [byteLength, entries] of dictionary.prefixSearch(sentence.utf8, byteStart)) {
    const end = sentence.codePointAtByte.get(byteStart + byteLength);
    if (end === undefined) continue; // a key never ends inside a character; guard against a malformed dictionary
    for (const entry of entries) nodes.push(newNode(surfaceStart, end, entry));
  }
  if (nodes.length > 0 && !head.invoke) return nodes;
  const addUnknown = (end: number) => {
    for (const entry of dictionary.unknownEntries(head.defaultCategory)) nodes.push(newNode(surfaceStart, end, entry));
  };
  let end = surfaceStart + 1;
  let groupEnd = -1;
  if (head.group) {
    // the run continues while each character shares a category with the one before it (MeCab chains the mask)
    let mask = head.categoryMask;
    let runEnd = end;
    while (runEnd < codePoints.length && (mask & characterAt(runEnd).categoryMask) !== 0) {
      mask = characterAt(runEnd).categoryMask;
      runEnd += 1;
    }
    if (runEnd - end <= MAX_GROUPING_SIZE) addUnknown(runEnd);
    groupEnd = runEnd;
  }
  for (let length = 1; length <= head.length; length += 1) {
    if (end > codePoints.length) break;
    if (end === groupEnd) continue; // MeCab quirk: skips without advancing, so no longer candidates follow
    addUnknown(end);
    if ((head.categoryMask & characterAt(end).categoryMask) === 0) break;
    end += 1;
  }
  if (nodes.length === 0) addUnknown(end);
  return nodes;
}

/** The best path's surfaces: MeCab's Viterbi with its tie-breaking (first strictly cheaper left node wins). */
export function segmentLikeMecab(dictionary: MecabDictionary, text: string): string[] {
  const sentence = encodeSentence(text);
  const codePoints = sentence.codePoints;
  // MeCab's char table covers UCS-2 only: astral characters read as code 0 (DEFAULT)
  const infos = codePoints.map((codePoint) => dictionary.characterInfo(codePoint > 0xffff ? 0 : codePoint));
  const beginOfSentence: LatticeNode = {
    surfaceStart: 0,
    end: 0,
    entry: { leftId: 0, rightId: 0, wordCost: 0 },
    cost: 0,
    previous: undefined,
  };
  // endingAt[i] in push order; MeCab prepends, so scanning from the back reproduces its order
  const endingAt: LatticeNode[][] = Array.from({ length: codePoints.length + 1 }, () => []);
  endingAt[0]?.push(beginOfSentence);
  const connect = (node: LatticeNode, leftNodes: readonly LatticeNode[]) => {
    let bestCost = Number.POSITIVE_INFINITY;
    for (let index = leftNodes.length - 1; index >= 0; index -= 1) {
      const left = leftNodes[index] as LatticeNode;
      const cost = left.cost + dictionary.connectionCost(left.entry.rightId, node.entry.leftId) + node.entry.wordCost;
      if (cost < bestCost) {
        bestCost = cost;
        node.previous = left;
      }
    }
    node.cost = bestCost;
  };
  for (let position = 0; position < codePoints.length; position += 1) {
    const leftNodes = endingAt[position] as LatticeNode[];
    if (leftNodes.length === 0) continue;
    const candidates = lookup(dictionary, sentence, infos, position);
    // MeCab links candidates newest-first (bnext) and connects them in that order
    for (let index = candidates.length - 1; index >= 0; index -= 1) {
      const node = candidates[index] as LatticeNode;
      connect(node, leftNodes);
      endingAt[node.end]?.push(node);
    }
  }
  const endOfSentence = newNode(codePoints.length, codePoints.length, { leftId: 0, rightId: 0, wordCost: 0 });
  connect(endOfSentence, endingAt[codePoints.length] ?? []);
  const surfaces: string[] = [];
  for (let node = endOfSentence.previous; node !== undefined && node !== beginOfSentence; node = node.previous) {
    surfaces.push(String.fromCodePoint(...codePoints.slice(node.surfaceStart, node.end)));
  }
  return surfaces.reverse();
}
