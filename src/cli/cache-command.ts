import { cache, type CacheAction } from '../app/cache';
import { defaultCacheDirectory } from '../providers/middleware/response-cache';
import { CACHE_FLAGS } from './flags/cache-flags';
import { readFlags } from './flags/read-flags';
import { createTerminalReporter } from './terminal-reporter';

/** yargs offers the three actions only; anything else is the one that removes nothing, never the one that removes all. */
function cacheAction(value: unknown): CacheAction {
  return value === 'compact' || value === 'clear' ? value : 'stats';
}

/** `shopeval cache <stats|compact|clear>`, after yargs has parsed the command line. */
export function handleCache(args: Readonly<Record<string, unknown>>): void {
  const flags = readFlags(CACHE_FLAGS, args);
  cache(cacheAction(args['action']), flags['cache-dir'] ?? defaultCacheDirectory(), createTerminalReporter());
}
