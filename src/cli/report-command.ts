import type { CommandModule } from 'yargs';
import { buildRunReport } from '../reports/build-run-report';
import { loadRunDirectory } from '../reports/load-run';
import { REPORTERS } from '../reports/reporters';
import { writeReportOutput } from '../reports/write-report-output';
import { commandFlags } from './flags/command-flags';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { REPORT_FLAGS } from './flags/report-flags';
import { addFlags } from './flags/yargs-options';

function report(dir: string, args: FlagValues<typeof REPORT_FLAGS>): void {
  const run = loadRunDirectory(dir);
  const built = buildRunReport(run, { seed: args.seed, resamples: args.resamples });
  const reporter = REPORTERS[args.format];
  const written = writeReportOutput(
    reporter.report(built, run.items),
    { format: args.format, output: args.output, defaultName: run.name, extension: reporter.extension },
    (chunk) => process.stdout.write(chunk),
  );
  for (const warning of built.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (written) process.stderr.write(`wrote ${written}\n`);
}

export const reportCommand: CommandModule = {
  command: 'report <dir>',
  describe: 'Report one run or score directory with 95% bootstrap intervals (terminal, Markdown, JSON, CSV or HTML)',
  builder: (argv) =>
    addFlags(argv, commandFlags('report'))
      .positional('dir', { type: 'string', demandOption: true, describe: 'A `shopeval run` or `shopeval score --out` directory' })
      .example('$0 report runs/r16', 'scores with intervals on the terminal')
      .example('$0 report runs/r16 --format html', 'one self-contained HTML file under reports/'),
  handler: (args) => report(String(args['dir']), readFlags(REPORT_FLAGS, args)),
};
