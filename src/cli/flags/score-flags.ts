import { DEFAULT_PROFILE, PROFILE_NAMES } from '../../scoring/types';
import { DATASET_FLAGS } from './dataset-flags';
import type { FlagTable } from './flag-spec';

/** `shopeval score`. */
export const SCORE_FLAGS = {
  ...DATASET_FLAGS,
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
