import { buildRunReport } from '../reports/documents/build-run-report';
import { loadRunDirectory } from '../reports/load/load-run';
import { REPORTERS } from '../reports/render/reporters';
import { writeReportOutput } from '../reports/render/write-report-output';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { REPORT_FLAGS } from './flags/report-flags';

function report(dir: string, args: FlagValues<typeof REPORT_FLAGS>): void {
  const run = loadRunDirectory(dir);
  const built = buildRunReport(run, { seed: args.seed, resamples: args.resamples });
  const reporter = REPORTERS[args.format];
  const written = writeReportOutput(
    reporter.report(built, run.items),
    { format: args.format, output: args.output, defaultName: run.name, extension: reporter.extension, force: args.force, inputs: [dir] },
    (chunk) => process.stdout.write(chunk),
  );
  for (const warning of built.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (written) process.stderr.write(`wrote ${written}\n`);
}

/** `shopeval report <dir>`, after yargs has parsed the command line. */
export function handleReport(args: Readonly<Record<string, unknown>>): void {
  report(String(args['dir']), readFlags(REPORT_FLAGS, args));
}
