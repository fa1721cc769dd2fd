import type { FlagTable } from './flag-spec';

type BatchFlags = typeof import('./batch-flags');
type CacheFlags = typeof import('./cache-flags');
type EmbeddingFlags = typeof import('./embedding-flags');
type MergeFlags = typeof import('./merge-flags');
type ReportFlags = typeof import('./report-flags');
type RunFlags = typeof import('./run-flags');
type ScoreFlags = typeof import('./score-flags');

/* eslint-disable @typescript-eslint/no-require-imports */
// Each table is required when a command or the config file reads it: `score` need not load report's renderers and
// run's prompting and provider modules (~70 ms) only because their flags are listed here.
const batchFlags = (): BatchFlags => require('./batch-flags') as BatchFlags;
const cacheFlags = (): CacheFlags => require('./cache-flags') as CacheFlags;
const embeddingFlags = (): EmbeddingFlags => require('./embedding-flags') as EmbeddingFlags;
const mergeFlags = (): MergeFlags => require('./merge-flags') as MergeFlags;
const reportFlags = (): ReportFlags => require('./report-flags') as ReportFlags;
const runFlags = (): RunFlags => require('./run-flags') as RunFlags;
const scoreFlags = (): ScoreFlags => require('./score-flags') as ScoreFlags;
/* eslint-enable @typescript-eslint/no-require-imports */

/** The config file's sections: one per command, plus the embedding flags that `run`, `score` and `embed` share. */
export const CONFIG_SECTIONS = {
  run: {
    get flags() {
      return runFlags().RUN_FLAGS;
    },
    describe: 'Defaults of `shopeval run`',
  },
  score: {
    get flags() {
      return scoreFlags().SCORE_FLAGS;
    },
    describe: 'Defaults of `shopeval score`',
  },
  report: {
    get flags() {
      return reportFlags().REPORT_FLAGS;
    },
    describe: 'Defaults of `shopeval report`',
  },
  compare: {
    get flags() {
      return reportFlags().COMPARE_FLAGS;
    },
    describe: 'Defaults of `shopeval compare`',
  },
  leaderboard: {
    get flags() {
      return reportFlags().LEADERBOARD_FLAGS;
    },
    describe: 'Defaults of `shopeval leaderboard`',
  },
  embed: {
    get flags() {
      return embeddingFlags().EMBED_FLAGS;
    },
    describe: 'Defaults of `shopeval embed`',
  },
  cache: {
    get flags() {
      return cacheFlags().CACHE_FLAGS;
    },
    describe: 'Defaults of `shopeval cache`',
  },
  merge: {
    get flags() {
      return mergeFlags().MERGE_FLAGS;
    },
    describe: 'Defaults of `shopeval merge`',
  },
  batch: {
    get flags() {
      return batchFlags().BATCH_FLAGS;
    },
    describe: 'Defaults of `shopeval batch export` and `batch ingest`',
  },
  embeddings: {
    get flags() {
      return embeddingFlags().EMBEDDING_FLAGS;
    },
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
