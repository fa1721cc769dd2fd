import type { CommandModule } from 'yargs';
import { ConfigError } from '../errors';
import { buildLeaderboard } from '../reports/build-leaderboard';
import { parsePivotSpec } from '../reports/build-pivot';
import { findRunDirectories } from '../reports/expand-run-paths';
import { loadRunDirectory } from '../reports/load-run';
import { REPORTERS } from '../reports/reporters';
import { writeReportOutput } from '../reports/write-report-output';
import { commandFlags } from './flags/command-flags';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { LEADERBOARD_FLAGS } from './flags/report-flags';
import { addFlags } from './flags/yargs-options';

function leaderboard(runPaths: readonly string[], args: FlagValues<typeof LEADERBOARD_FLAGS>): void {
  const pivot = args.pivot === undefined ? null : parsePivotSpec(args.pivot);
  if (args.pivot !== undefined && pivot === null) {
    throw new ConfigError(`--pivot "${args.pivot}" must look like rows=TAG,cols=TAG`, { hint: 'e.g. --pivot rows=lora_rank,cols=mix' });
  }
  const found = findRunDirectories([...runPaths]);
  const runs = found.runs.map(loadRunDirectory);
  const board = buildLeaderboard(runs, {
    seed: args.seed,
    resamples: args.resamples,
    sortBy: args.sort,
    pivot,
    pivotValue: args.value ?? null,
    skippedUnfinished: found.unfinished,
  });
  for (const warning of board.warnings) process.stderr.write(`WARNING: ${warning}\n`);
  const reporter = REPORTERS[args.format];
  const written = writeReportOutput(
    reporter.leaderboard(board),
    { format: args.format, output: args.output, defaultName: 'leaderboard', extension: reporter.extension },
    (chunk) => process.stdout.write(chunk),
  );
  if (written) process.stderr.write(`wrote ${written}\n`);
}

export const leaderboardCommand: CommandModule = {
  command: 'leaderboard <runs..>',
  describe: 'Rank many runs with intervals; pivot a score by two manifest tags (refuses runs of different profiles or datasets)',
  builder: (argv) =>
    addFlags(argv, commandFlags('leaderboard'))
      .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'Run directories, parents of run directories, or quoted globs' })
      .example("$0 leaderboard 'runs/*'", 'rank every run under runs/ by overall score')
      .example("$0 leaderboard 'runs/*' --pivot rows=lora_rank,cols=mix --value overall", 'a table of scores by two --tag values'),
  handler: (args) => leaderboard(Array.isArray(args['runs']) ? args['runs'].map(String) : [], readFlags(LEADERBOARD_FLAGS, args)),
};
