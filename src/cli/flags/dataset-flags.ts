import { DEFAULT_PROFILE, PROFILE_NAMES } from '../../scoring/types';
import type { FlagSpec, FlagTable } from './flag-spec';

/** The dataset flags `run` and `score` share: one entry each, spread into both tables. */
export const DATASET_FLAGS = {
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
} as const satisfies FlagTable;

/** --profile, the same entry in run's and score's tables. */
export const PROFILE_FLAG = {
  type: 'choice',
  choices: PROFILE_NAMES,
  default: DEFAULT_PROFILE,
  group: 'scoring',
  describe: "Scoring profile: the competition's parsers and metrics, or the Shopping MMLU paper's",
} as const satisfies FlagSpec;
