import type { Argv, CommandModule } from 'yargs';
import { cacheStatistics, clearCache, compactCache, type CacheStatisticsReport } from '../providers/middleware/cache-maintenance';
import { defaultCacheDirectory } from '../providers/middleware/response-cache';

const ACTIONS = ['stats', 'compact', 'clear'] as const;

interface CacheArgs {
  action: (typeof ACTIONS)[number];
  'cache-dir': string | undefined;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function describe(report: CacheStatisticsReport): string {
  return `${report.files.length} response files, ${report.lines} lines, ${report.liveEntries} live entries, ${megabytes(report.bytes)}`;
}

export const cacheCommand: CommandModule<object, CacheArgs> = {
  command: 'cache <action>',
  describe: 'The response cache: stats, compact (keep only live entries) or clear',
  builder: (yargs) =>
    yargs
      .positional('action', { type: 'string', choices: ACTIONS, demandOption: true, describe: 'stats | compact | clear' })
      .option('cache-dir', { type: 'string', describe: 'Cache directory (default $XDG_CACHE_HOME/shopeval or ~/.cache/shopeval)' }) as unknown as Argv<CacheArgs>,
  handler: (args) => {
    const directory = args['cache-dir'] ?? defaultCacheDirectory();
    if (args.action === 'stats') {
      const report = cacheStatistics(directory);
      process.stdout.write(`${directory}: ${describe(report)}\n`);
      for (const file of report.files) process.stdout.write(`  ${file.file}: ${file.lines} lines, ${file.liveEntries} live, ${megabytes(file.bytes)}\n`);
      return;
    }
    if (args.action === 'compact') {
      const { before, after } = compactCache(directory);
      process.stdout.write(`compacted ${directory}: ${before.lines} lines (${megabytes(before.bytes)}) -> ${after.lines} lines (${megabytes(after.bytes)})\n`);
      return;
    }
    const cleared = clearCache(directory);
    process.stdout.write(`cleared ${directory}: removed ${cleared.liveEntries} cached answers (${megabytes(cleared.bytes)})\n`);
  },
};
