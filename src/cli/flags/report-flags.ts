import { formatsWith } from '../../reports/render/reporters';
import { DEFAULT_BOOTSTRAP } from '../../stats/check-bootstrap-options';
import type { FlagTable } from './flag-spec';

const BOOTSTRAP_FLAGS = {
  seed: { type: 'integer', default: DEFAULT_BOOTSTRAP.seed, group: 'statistics', describe: 'Bootstrap seed (same seed, same intervals)' },
  resamples: { type: 'integer', min: 1, default: DEFAULT_BOOTSTRAP.resamples, group: 'statistics', describe: 'Bootstrap resamples' },
} as const satisfies FlagTable;

/** Report files are never replaced silently (a command-line choice, never a config default). */
const FORCE_FLAG = {
  force: { type: 'boolean', default: false, configurable: false, group: 'output', describe: 'Replace an existing report file' },
} as const satisfies FlagTable;

const outputFlag = (defaultName: string) =>
  ({
    type: 'string',
    path: 'path',
    group: 'output',
    describe: `File to write; - for stdout`,
    defaultDescription: `stdout for terminal, otherwise reports/${defaultName}.<ext>`,
  }) as const;

/** `shopeval report <dir>`. */
export const REPORT_FLAGS = {
  format: { type: 'choice', choices: formatsWith('report'), default: 'terminal', group: 'output', describe: 'Output format' },
  output: outputFlag('<run>'),
  ...FORCE_FLAG,
  ...BOOTSTRAP_FLAGS,
} as const satisfies FlagTable;

/** `shopeval compare <baseline> <candidate>`. */
export const COMPARE_FLAGS = {
  'fail-on-regression': {
    type: 'boolean',
    default: false,
    group: 'statistics',
    describe: 'Exit 1 when the candidate is clearly worse on overall or a track (Bonferroni-adjusted)',
  },
  tolerance: {
    type: 'number',
    min: 0,
    default: 0,
    example: 'e.g. 0.01 (score units)',
    group: 'statistics',
    describe: 'Drops up to this size (score units, e.g. 0.01) never fail the gate',
  },
  tasks: { type: 'list', group: 'statistics', describe: 'Also gate on these tasks (repeatable, or comma separated)' },
  'allow-different-datasets': {
    type: 'boolean',
    default: false,
    group: 'data',
    describe: 'Compare the shared items of runs over different datasets or item sets',
  },
  format: { type: 'choice', choices: formatsWith('comparison'), default: 'terminal', group: 'output', describe: 'Output format' },
  output: outputFlag('compare-<candidate>-vs-<baseline>'),
  ...FORCE_FLAG,
  ...BOOTSTRAP_FLAGS,
} as const satisfies FlagTable;

/** `shopeval leaderboard <runs..>`. */
export const LEADERBOARD_FLAGS = {
  sort: {
    type: 'string',
    default: 'overall',
    group: 'scoring',
    describe:
      'Rank by overall, a track (e.g. shopping-knowledge-reasoning), a task, or a latency/token figure (latency-p50, latency-p95, latency-max, completion-tokens: lowest first; tokens-per-second, items-per-second)',
  },
  pivot: { type: 'string', group: 'scoring', describe: 'rows=TAG,cols=TAG: a table of --value by two manifest tags' },
  value: {
    type: 'string',
    group: 'scoring',
    describe: 'The score in pivot cells: overall, a track, a task or a latency/token figure (as --sort)',
    defaultDescription: 'as --sort',
  },
  'pivot-means': {
    type: 'boolean',
    default: false,
    group: 'scoring',
    describe: 'Let a pivot cell show the mean of several runs (marked "mean of N"); by default such a cell is an error',
  },
  exclude: { type: 'list', group: 'data', describe: 'Leave out these runs (names, directories or globs over them); a warning says which' },
  'skip-incompatible': {
    type: 'boolean',
    default: false,
    group: 'data',
    describe: 'Keep the largest group of comparable runs and leave the others out with a warning, instead of refusing',
  },
  format: { type: 'choice', choices: formatsWith('leaderboard'), default: 'terminal', group: 'output', describe: 'Output format' },
  output: outputFlag('leaderboard'),
  ...FORCE_FLAG,
  ...BOOTSTRAP_FLAGS,
} as const satisfies FlagTable;
