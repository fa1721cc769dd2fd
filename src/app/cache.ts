import { cacheStatistics, clearCache, compactCache, type CacheStatisticsReport } from '../providers/middleware/cache-maintenance';
import { SILENT_REPORTER, type AppReporter } from './app-event';

/** What `shopeval cache` does to the response cache directory. */
export type CacheAction = 'stats' | 'compact' | 'clear';

/** What a cache action found or did: the statistics, the file before and after compaction, or what was cleared. */
export type CacheMaintenance =
  | { readonly action: 'stats'; readonly report: CacheStatisticsReport }
  | { readonly action: 'compact'; readonly before: CacheStatisticsReport; readonly after: CacheStatisticsReport }
  | { readonly action: 'clear'; readonly cleared: CacheStatisticsReport };

/** Reads, compacts or clears the response cache in `directory`; one cache-maintained event says what it found or did. */
export function cache(action: CacheAction, directory: string, reporter: AppReporter = SILENT_REPORTER): CacheMaintenance {
  const result: CacheMaintenance =
    action === 'stats'
      ? { action, report: cacheStatistics(directory) }
      : action === 'compact'
        ? { action, ...compactCache(directory) }
        : { action, cleared: clearCache(directory) };
  reporter({ type: 'cache-maintained', directory, result });
  return result;
}
