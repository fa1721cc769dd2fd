import { RUN_FLAGS } from './run-flags';
import type { FlagTable } from './flag-spec';

/** `shopeval merge` (the dataset flags are run's own entries: declared once). */
export const MERGE_FLAGS = {
  data: {
    type: 'string',
    path: 'path',
    group: 'data',
    describe: "The shards' dataset, when it moved since they ran (its rows must hash the same)",
    defaultDescription: "the shards' manifest dataset.path",
  },
  'skip-invalid-rows': {
    ...RUN_FLAGS['skip-invalid-rows'],
    describe: 'Leave invalid rows out, as the shards did (implied when their manifests count skipped rows)',
  },
  'track-map': RUN_FLAGS['track-map'],
  out: {
    type: 'string',
    path: 'path',
    required: true,
    group: 'output',
    describe: 'The merged run directory (manifest, responses, items, summary)',
  },
  force: { type: 'boolean', default: false, configurable: false, group: 'output', describe: 'Replace a run already in --out' },
} as const satisfies FlagTable;
