import type { CacheMaintenance } from '../app/cache';
import type { CacheStatisticsReport } from '../providers/middleware/cache-maintenance';

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function describe(report: CacheStatisticsReport): string {
  return `${report.files.length} response files, ${report.lines} lines, ${report.liveEntries} live entries, ${megabytes(report.bytes)}`;
}

/** What `shopeval cache` prints on stdout: the statistics (per file too), or what compaction or clearing did. */
export function renderCacheMaintenance(directory: string, result: CacheMaintenance): string {
  switch (result.action) {
    case 'stats':
      return [
        `${directory}: ${describe(result.report)}\n`,
        ...result.report.files.map((file) => `  ${file.file}: ${file.lines} lines, ${file.liveEntries} live, ${megabytes(file.bytes)}\n`),
      ].join('');
    case 'compact':
      return `compacted ${directory}: ${result.before.lines} lines (${megabytes(result.before.bytes)}) -> ${result.after.lines} lines (${megabytes(result.after.bytes)})\n`;
    case 'clear':
      return `cleared ${directory}: removed ${result.cleared.liveEntries} cached answers (${megabytes(result.cleared.bytes)})\n`;
  }
}
