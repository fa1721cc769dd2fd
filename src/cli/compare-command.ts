import { ConfigError } from '../errors';
import { compareRuns } from '../reports/documents/compare-runs';
import { comparisonDetails, NO_COMPARISON_DETAILS } from '../reports/documents/comparison-details';
import { loadRunDirectory } from '../reports/load/load-run';
import { REPORTERS, type Reporter } from '../reports/render/reporters';
import { writeReportOutput } from '../reports/render/write-report-output';
import { EXIT_FAILED_CHECK } from './exit-codes';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { COMPARE_FLAGS } from './flags/report-flags';
import { listFlag } from './run-flag-values';

type CompareFlags = FlagValues<typeof COMPARE_FLAGS>;

function compare(baselineDir: string, candidateDir: string, args: CompareFlags): void {
  const format = args.format;
  const reporter: Reporter = REPORTERS[format];
  if (!reporter.comparison) throw new ConfigError(`--format ${format} is not available for compare`);
  const render = reporter.comparison;
  const baseline = loadRunDirectory(baselineDir);
  const candidate = loadRunDirectory(candidateDir);
  const gateTasks = listFlag(args.tasks) ?? [];
  const comparison = compareRuns(baseline, candidate, {
    seed: args.seed,
    resamples: args.resamples,
    allowDifferentDatasets: args['allow-different-datasets'],
    gate: args['fail-on-regression'] || gateTasks.length > 0 ? { tolerance: args.tolerance, tasks: gateTasks } : null,
  });
  for (const warning of comparison.warnings) process.stderr.write(`WARNING: ${warning}\n`);
  const written = writeReportOutput(
    render(comparison, format === 'html' ? comparisonDetails(baseline, candidate) : NO_COMPARISON_DETAILS),
    {
      format,
      output: args.output,
      defaultName: `compare-${candidate.name}-vs-${baseline.name}`,
      extension: reporter.extension,
      force: args.force,
      inputs: [baselineDir, candidateDir],
    },
    (chunk) => process.stdout.write(chunk),
  );
  if (written) process.stderr.write(`wrote ${written}\n`);
  if (comparison.gate && (written || format !== 'terminal')) process.stderr.write(`${comparison.gate.message}\n`);
  if (args['fail-on-regression'] && comparison.gate?.failed) process.exitCode = EXIT_FAILED_CHECK;
}

/** `shopeval compare <baseline> <candidate>`, after yargs has parsed the command line. */
export function handleCompare(args: Readonly<Record<string, unknown>>): void {
  compare(String(args['baseline']), String(args['candidate']), readFlags(COMPARE_FLAGS, args));
}
