import type { CommandModule } from 'yargs';
import { checkBootstrapOptions } from '../stats/check-bootstrap-options';
import { buildRunReport } from '../reports/build-run-report';
import { loadRunDirectory } from '../reports/load-run';
import { formatsWith, REPORTERS, type ReportFormat } from '../reports/reporters';
import { writeReportOutput } from '../reports/write-report-output';

interface ReportArgs {
  dir: string;
  format: ReportFormat;
  output: string | undefined;
  seed: number;
  resamples: number;
  force: boolean;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <dir>',
  describe: 'Report one run or score directory with 95% bootstrap intervals (terminal, Markdown, JSON, CSV or HTML)',
  builder: (yargs) =>
    yargs
      .positional('dir', { type: 'string', demandOption: true, describe: 'A `shopeval run` or `shopeval score --out` directory' })
      .option('format', { type: 'string', choices: formatsWith('report'), default: 'terminal' as ReportFormat, describe: 'Output format' })
      .option('output', { type: 'string', nargs: 1, describe: 'File to write (default: stdout for terminal, reports/<run>.<ext> otherwise; `-` for stdout)' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace an existing report file' })
      .option('seed', { type: 'number', default: 0, describe: 'Bootstrap seed, an integer (same seed, same intervals)' })
      .option('resamples', { type: 'number', default: 1000, describe: 'Bootstrap resamples, a positive integer' }),
  handler: (args) => {
    checkBootstrapOptions({ resamples: args.resamples, seed: args.seed });
    const run = loadRunDirectory(args.dir);
    const report = buildRunReport(run, { seed: args.seed, resamples: args.resamples });
    const reporter = REPORTERS[args.format];
    const text = reporter.report(report, run.items);
    const written = writeReportOutput(
      text,
      { format: args.format, output: args.output, defaultName: run.name, extension: reporter.extension, force: args.force },
      (chunk) => process.stdout.write(chunk),
    );
    for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
    if (written) process.stderr.write(`wrote ${written}\n`);
  },
};
