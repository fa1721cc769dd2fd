import { compare } from '../app/compare';
import { EXIT_FAILED_CHECK } from './exit-codes';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { COMPARE_FLAGS } from './flags/report-flags';
import { listFlag } from './run-flag-values';
import { createTerminalReporter } from './terminal-reporter';
import { defined } from '../util/defined';

function compareFlags(baseline: string, candidate: string, args: FlagValues<typeof COMPARE_FLAGS>): void {
  const { failed } = compare(
    {
      baseline,
      candidate,
      format: args.format,
      ...defined({ output: args.output }),
      force: args.force,
      seed: args.seed,
      resamples: args.resamples,
      allowDifferentDatasets: args['allow-different-datasets'],
      failOnRegression: args['fail-on-regression'],
      tolerance: args.tolerance,
      gateTasks: listFlag(args.tasks) ?? [],
    },
    createTerminalReporter(),
  );
  if (failed) process.exitCode = EXIT_FAILED_CHECK;
}

/** `shopeval compare <baseline> <candidate>`, after yargs has parsed the command line. */
export function handleCompare(args: Readonly<Record<string, unknown>>): void {
  compareFlags(String(args['baseline']), String(args['candidate']), readFlags(COMPARE_FLAGS, args));
}
