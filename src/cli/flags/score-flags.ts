import { DEFAULT_PROFILE, PROFILE_NAMES } from '../../scoring/types';
import type { FlagTable } from './flag-spec';

/** `shopeval score`. */
export const SCORE_FLAGS = {
  data: {
    type: 'string',
    path: 'path',
    required: true,
    group: 'data',
    describe: 'ShopBench dataset: a .jsonl or JSON array file, or a folder of them',
  },
  'skip-invalid-rows': {
    type: 'boolean',
    default: false,
    group: 'data',
    describe: 'Score the valid rows; the invalid ones (file:line, reason) are listed in the results',
  },
  'track-map': {
    type: 'string',
    path: 'path',
    group: 'data',
    describe: 'JSON file mapping dataset file paths or task names to tracks, for rows without track',
  },
  predictions: {
    type: 'string',
    path: 'path',
    required: true,
    group: 'data',
    describe: 'JSON Lines of {"id": ..., "output": "..."}, ids as the dataset\'s',
  },
  profile: {
    type: 'choice',
    choices: PROFILE_NAMES,
    default: DEFAULT_PROFILE,
    group: 'scoring',
    describe: "Scoring profile: the competition's parsers and metrics, or the Shopping MMLU paper's",
  },
  out: { type: 'string', path: 'path', group: 'output', describe: 'Write items.jsonl and summary.json into this directory' },
} as const satisfies FlagTable;
