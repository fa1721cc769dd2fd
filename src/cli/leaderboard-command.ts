import type { CommandModule } from 'yargs';
import { checkBootstrapOptions } from '../stats/check-bootstrap-options';
import { ConfigError } from '../errors';
import { buildLeaderboard } from '../reports/build-leaderboard';
import { parsePivotSpec } from '../reports/build-pivot';
import { findRunDirectories } from '../reports/expand-run-paths';
import { loadRunDirectory } from '../reports/load-run';
import { formatsWith, REPORTERS, type ReportFormat } from '../reports/reporters';
import { writeReportOutput } from '../reports/write-report-output';

interface LeaderboardArgs {
  runs: string[];
  format: ReportFormat;
  output: string | undefined;
  sort: string;
  pivot: string | undefined;
  value: string | undefined;
  seed: number;
  resamples: number;
  exclude: string[] | undefined;
  'skip-incompatible': boolean;
  'pivot-means': boolean;
  force: boolean;
}

export const leaderboardCommand: CommandModule<object, LeaderboardArgs> = {
  command: 'leaderboard <runs..>',
  describe: 'Rank many runs with intervals; pivot a score by two manifest tags (refuses runs of different profiles or datasets)',
  builder: (yargs) =>
    yargs
      .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'Run directories, parents of run directories, or quoted globs' })
      .option('format', { type: 'string', choices: formatsWith('leaderboard'), default: 'terminal' as ReportFormat, describe: 'Output format' })
      .option('output', { type: 'string', nargs: 1, describe: 'File to write (default: stdout for terminal, reports/leaderboard.<ext> otherwise; `-` for stdout)' })
      .option('sort', { type: 'string', default: 'overall', describe: 'Rank by overall, a track (e.g. shopping-knowledge-reasoning) or a task' })
      .option('pivot', { type: 'string', describe: 'rows=TAG,cols=TAG: a table of --value by two manifest tags' })
      .option('value', { type: 'string', describe: 'The score in pivot cells: overall, a track or a task (default: --sort)' })
      .option('pivot-means', { type: 'boolean', default: false, describe: 'Let a pivot cell show the mean of several runs (marked "mean of N"); by default such a cell is an error' })
      .option('exclude', { type: 'string', array: true, describe: 'Leave out these runs (names, directories or globs over them); a warning says which' })
      .option('skip-incompatible', { type: 'boolean', default: false, describe: 'Keep the largest group of comparable runs and leave the others out with a warning, instead of refusing' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace an existing report file' })
      .option('seed', { type: 'number', default: 0, describe: 'Bootstrap seed, an integer' })
      .option('resamples', { type: 'number', default: 1000, describe: 'Bootstrap resamples, a positive integer' }),
  handler: (args) => {
    checkBootstrapOptions({ resamples: args.resamples, seed: args.seed });
    const pivot = args.pivot === undefined ? null : parsePivotSpec(args.pivot);
    if (args.pivot !== undefined && pivot === null) {
      throw new ConfigError(`--pivot "${args.pivot}" must look like rows=TAG,cols=TAG`, { hint: 'e.g. --pivot rows=lora_rank,cols=mix' });
    }
    const found = findRunDirectories(args.runs);
    const runs = found.runs.map(loadRunDirectory);
    const board = buildLeaderboard(runs, {
      seed: args.seed,
      resamples: args.resamples,
      sortBy: args.sort,
      pivot,
      pivotValue: args.value ?? null,
      skippedUnfinished: found.unfinished,
      skippedArguments: found.skipped,
      pivotMeans: args['pivot-means'],
      exclude: (args.exclude ?? []).flatMap((entry) => entry.split(',')).map((entry) => entry.trim()).filter((entry) => entry !== ''),
      skipIncompatible: args['skip-incompatible'],
    });
    for (const warning of board.warnings) process.stderr.write(`WARNING: ${warning}\n`);
    const reporter = REPORTERS[args.format];
    const written = writeReportOutput(
      reporter.leaderboard(board),
      { format: args.format, output: args.output, defaultName: 'leaderboard', extension: reporter.extension, force: args.force },
      (chunk) => process.stdout.write(chunk),
    );
    if (written) process.stderr.write(`wrote ${written}\n`);
  },
};
