import { cacheStatistics, clearCache, compactCache, type CacheStatisticsReport } from '../providers/middleware/cache-maintenance';
import { defaultCacheDirectory } from '../providers/middleware/response-cache';
import { CACHE_FLAGS } from './flags/cache-flags';
import { readFlags } from './flags/read-flags';

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function describe(report: CacheStatisticsReport): string {
  return `${report.files.length} response files, ${report.lines} lines, ${report.liveEntries} live entries, ${megabytes(report.bytes)}`;
}

function cache(action: string, directory: string): void {
  if (action === 'stats') {
    const report = cacheStatistics(directory);
    process.stdout.write(`${directory}: ${describe(report)}\n`);
    for (const file of report.files)
      process.stdout.write(`  ${file.file}: ${file.lines} lines, ${file.liveEntries} live, ${megabytes(file.bytes)}\n`);
    return;
  }
  if (action === 'compact') {
    const { before, after } = compactCache(directory);
    process.stdout.write(
      `compacted ${directory}: ${before.lines} lines (${megabytes(before.bytes)}) -> ${after.lines} lines (${megabytes(after.bytes)})\n`,
    );
    return;
  }
  const cleared = clearCache(directory);
  process.stdout.write(`cleared ${directory}: removed ${cleared.liveEntries} cached answers (${megabytes(cleared.bytes)})\n`);
}

/** `shopeval cache <stats|compact|clear>`, after yargs has parsed the command line. */
export function handleCache(args: Readonly<Record<string, unknown>>): void {
  const flags = readFlags(CACHE_FLAGS, args);
  cache(String(args['action']), flags['cache-dir'] ?? defaultCacheDirectory());
}
