import type { FlagTable } from './flag-spec';

/** `shopeval cache <action>`. */
export const CACHE_FLAGS = {
  'cache-dir': {
    type: 'string',
    path: 'path',
    group: 'requests',
    describe: 'Cache directory',
    defaultDescription: '$XDG_CACHE_HOME/shopeval or ~/.cache/shopeval',
  },
} as const satisfies FlagTable;
