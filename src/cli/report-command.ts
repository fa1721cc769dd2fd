import { report } from '../app/report';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { REPORT_FLAGS } from './flags/report-flags';
import { createTerminalReporter } from './terminal-reporter';
import { defined } from '../util/defined';

function reportFlags(directory: string, args: FlagValues<typeof REPORT_FLAGS>): void {
  report(
    { directory, format: args.format, ...defined({ output: args.output }), force: args.force, seed: args.seed, resamples: args.resamples },
    createTerminalReporter(),
  );
}

/** `shopeval report <dir>`, after yargs has parsed the command line. */
export function handleReport(args: Readonly<Record<string, unknown>>): void {
  reportFlags(String(args['dir']), readFlags(REPORT_FLAGS, args));
}
