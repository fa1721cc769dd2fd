import { CACHE_FLAGS } from './cache-flags';
import { EMBED_FLAGS, EMBEDDING_FLAGS } from './embedding-flags';
import type { FlagTable } from './flag-spec';
import { COMPARE_FLAGS, LEADERBOARD_FLAGS, REPORT_FLAGS } from './report-flags';
import { BATCH_FLAGS } from './batch-flags';
import { MERGE_FLAGS } from './merge-flags';
import { RUN_FLAGS } from './run-flags';
import { SCORE_FLAGS } from './score-flags';

/** The config file's sections: one per command, plus the embedding flags that `run`, `score` and `embed` share. */
export const CONFIG_SECTIONS = {
  run: { flags: RUN_FLAGS, describe: 'Defaults of `shopeval run`' },
  score: { flags: SCORE_FLAGS, describe: 'Defaults of `shopeval score`' },
  report: { flags: REPORT_FLAGS, describe: 'Defaults of `shopeval report`' },
  compare: { flags: COMPARE_FLAGS, describe: 'Defaults of `shopeval compare`' },
  leaderboard: { flags: LEADERBOARD_FLAGS, describe: 'Defaults of `shopeval leaderboard`' },
  embed: { flags: EMBED_FLAGS, describe: 'Defaults of `shopeval embed`' },
  cache: { flags: CACHE_FLAGS, describe: 'Defaults of `shopeval cache`' },
  merge: { flags: MERGE_FLAGS, describe: 'Defaults of `shopeval merge`' },
  batch: { flags: BATCH_FLAGS, describe: 'Defaults of `shopeval batch export` and `batch ingest`' },
  embeddings: {
    flags: EMBEDDING_FLAGS,
    describe: 'Embedding backends of the semantic metrics, for `run`, `score`, `embed`, `merge` and `batch ingest`',
  },
} as const satisfies Record<string, { readonly flags: FlagTable; readonly describe: string }>;
export type ConfigSection = keyof typeof CONFIG_SECTIONS;

/** Each command's flags, as the config sections that hold them (its own first: `--help` shows them first). */
export const COMMAND_SECTIONS = {
  run: ['run', 'embeddings'],
  score: ['score', 'embeddings'],
  report: ['report'],
  compare: ['compare'],
  leaderboard: ['leaderboard'],
  embed: ['embed', 'embeddings'],
  cache: ['cache'],
  merge: ['merge', 'embeddings'],
  batch: ['batch', 'embeddings'],
} as const satisfies Record<string, readonly ConfigSection[]>;
export type CommandName = keyof typeof COMMAND_SECTIONS;
export const COMMAND_NAMES = Object.keys(COMMAND_SECTIONS) as CommandName[];

export function isCommandName(word: string): word is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMAND_SECTIONS, word);
}

/** Every flag a command takes, from all its sections. */
export function commandFlags(command: CommandName): FlagTable {
  const sections: readonly ConfigSection[] = COMMAND_SECTIONS[command];
  return Object.assign({}, ...sections.map((section) => CONFIG_SECTIONS[section].flags)) as FlagTable;
}

/** The global flag read before the command word (so `shopeval --config my.json run` works). */
export const CONFIG_FLAG_DESCRIPTION = 'JSON file of default flag values per command';
