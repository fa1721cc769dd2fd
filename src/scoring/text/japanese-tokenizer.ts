/**
 * sacrebleu 2.4.1's `ja-mecab` tokenizer for jp-bleu (parity README M7): MeCab -Owakati with IPADIC on
 * `line.strip()`, output `.strip()`.  The dictionary is a compact form of kuromoji's bundled IPADIC build
 * (wakati-tables.ts); the segmentation is MeCab's own algorithm (mecab-lattice.ts), not kuromoji's.
 */
import { defaultCacheDirectory } from '../../providers/middleware/response-cache';
import { defaultDictionaryPath } from './kuromoji-dictionary';
import { segmentLikeMecab } from './mecab-lattice';
import { pyStrip } from './python-string';
import { wakatiDictionary } from './wakati-dictionary';
import { loadWakatiTables } from './wakati-dictionary-cache';

export interface JapaneseTokenizer {
  /** Space-separated MeCab surfaces of the (already lowercased and rstripped) line. */
  tokenize(line: string): string;
}

export interface JapaneseTokenizerOptions {
  /** A kuromoji dictionary directory (the *.dat.gz files); default: the one bundled with kuromoji (IPADIC). */
  readonly dictionaryPath?: string;
  /** Where the compact dictionary is kept; default: shopeval's cache directory ($XDG_CACHE_HOME/shopeval). */
  readonly cacheDirectory?: string;
}

/** Loads the compact dictionary (tens of milliseconds; the first use builds it in about 1.5 s); keep the instance for the whole run. */
export async function loadJapaneseTokenizer(options: JapaneseTokenizerOptions = {}): Promise<JapaneseTokenizer> {
  const tables = await loadWakatiTables(
    options.dictionaryPath ?? defaultDictionaryPath(),
    options.cacheDirectory ?? defaultCacheDirectory(),
  );
  const dictionary = wakatiDictionary(tables);
  return {
    // TokenizerJaMecab: MeCab parses line.strip(); the wakati output is stripped again
    tokenize: (line) => pyStrip(segmentLikeMecab(dictionary, pyStrip(line)).join(' ')),
  };
}
