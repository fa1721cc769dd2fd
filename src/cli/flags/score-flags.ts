import { DATASET_FLAGS, PROFILE_FLAG } from './dataset-flags';
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
  profile: PROFILE_FLAG,
  out: { type: 'string', path: 'path', group: 'output', describe: 'Write items.jsonl and summary.json into this directory' },
} as const satisfies FlagTable;
