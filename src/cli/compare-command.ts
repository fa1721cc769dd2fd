import type { CommandModule } from 'yargs';
import { checkBootstrapOptions } from '../stats/check-bootstrap-options';
import { ConfigError } from '../errors';
import { compareRuns } from '../reports/compare-runs';
import { comparisonDetails, NO_COMPARISON_DETAILS } from '../reports/comparison-details';
import { loadRunDirectory } from '../reports/load-run';
import { formatsWith, REPORTERS, type Reporter, type ReportFormat } from '../reports/reporters';
import { writeReportOutput } from '../reports/write-report-output';
import { EXIT_FAILED_CHECK } from './exit-codes';

interface CompareArgs {
  baseline: string;
  candidate: string;
  format: ReportFormat;
  output: string | undefined;
  'fail-on-regression': boolean;
  tolerance: number;
  tasks: string[] | undefined;
  'allow-different-datasets': boolean;
  seed: number;
  resamples: number;
  force: boolean;
}

const COMPARE_FORMATS = formatsWith('comparison');

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <baseline> <candidate>',
  describe: 'Compare two runs item by item: differences with paired bootstrap intervals, and a regression gate for CI',
  builder: (yargs) =>
    yargs
      .positional('baseline', { type: 'string', demandOption: true, describe: 'The reference run directory' })
      .positional('candidate', { type: 'string', demandOption: true, describe: 'The run under test' })
      .option('format', { type: 'string', choices: COMPARE_FORMATS, default: 'terminal' as ReportFormat, describe: 'Output format' })
      .option('output', { type: 'string', nargs: 1, describe: 'File to write (default: stdout for terminal, reports/compare-*.<ext> otherwise; `-` for stdout)' })
      .option('fail-on-regression', { type: 'boolean', default: false, describe: 'Exit 1 when the candidate is clearly worse on overall or a track (Bonferroni-adjusted over the checked scores)' })
      .option('tolerance', { type: 'number', default: 0, describe: 'Drops up to this size (score units, e.g. 0.01) never fail the gate' })
      .option('tasks', { type: 'string', array: true, describe: 'Also gate on these tasks (names, space or comma separated)' })
      .option('allow-different-datasets', { type: 'boolean', default: false, describe: 'Compare the shared items of runs on different datasets or item sets' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace an existing report file' })
      .option('seed', { type: 'number', default: 0, describe: 'Bootstrap seed, an integer' })
      .option('resamples', { type: 'number', default: 1000, describe: 'Bootstrap resamples, a positive integer' }),
  handler: (args) => {
    checkBootstrapOptions({ resamples: args.resamples, seed: args.seed });
    if (!(Number.isFinite(args.tolerance) && args.tolerance >= 0)) {
      throw new ConfigError(`--tolerance must be a finite number >= 0, got ${String(args.tolerance)}`, { hint: 'e.g. --tolerance 0.01 (score units).' });
    }
    const format = args.format;
    const reporter: Reporter = REPORTERS[format];
    if (!reporter.comparison) throw new ConfigError(`--format ${format} is not available for compare`);
    const render = reporter.comparison;
    const baseline = loadRunDirectory(args.baseline);
    const candidate = loadRunDirectory(args.candidate);
    const gateTasks = (args.tasks ?? []).flatMap((entry) => entry.split(',')).map((task) => task.trim()).filter((task) => task !== '');
    const comparison = compareRuns(baseline, candidate, {
      seed: args.seed,
      resamples: args.resamples,
      allowDifferentDatasets: args['allow-different-datasets'],
      gate: args['fail-on-regression'] || gateTasks.length > 0 ? { tolerance: args.tolerance, tasks: gateTasks } : null,
    });
    for (const warning of comparison.warnings) process.stderr.write(`WARNING: ${warning}\n`);
    const written = writeReportOutput(
      render(comparison, format === 'html' ? comparisonDetails(baseline, candidate) : NO_COMPARISON_DETAILS),
      { format, output: args.output, defaultName: `compare-${candidate.name}-vs-${baseline.name}`, extension: reporter.extension, force: args.force },
      (chunk) => process.stdout.write(chunk),
    );
    if (written) process.stderr.write(`wrote ${written}\n`);
    if (comparison.gate && (written || format !== 'terminal')) process.stderr.write(`${comparison.gate.message}\n`);
    if (args['fail-on-regression'] && comparison.gate?.failed) process.exitCode = EXIT_FAILED_CHECK;
  },
};
