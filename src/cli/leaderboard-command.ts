import { ConfigError } from '../errors';
import { buildLeaderboard } from '../reports/documents/build-leaderboard';
import { parsePivotSpec } from '../reports/documents/build-pivot';
import { findRunDirectories } from '../reports/load/expand-run-paths';
import { loadRunDirectory } from '../reports/load/load-run';
import { REPORTERS } from '../reports/render/reporters';
import { writeReportOutput } from '../reports/render/write-report-output';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { LEADERBOARD_FLAGS } from './flags/report-flags';
import { listFlag } from './run-flag-values';

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
    skippedArguments: found.skipped,
    pivotMeans: args['pivot-means'],
    exclude: listFlag(args.exclude) ?? [],
    skipIncompatible: args['skip-incompatible'],
  });
  for (const warning of board.warnings) process.stderr.write(`WARNING: ${warning}\n`);
  const reporter = REPORTERS[args.format];
  const written = writeReportOutput(
    reporter.leaderboard(board),
    {
      format: args.format,
      output: args.output,
      defaultName: 'leaderboard',
      extension: reporter.extension,
      force: args.force,
      inputs: runs.map((run) => run.directory),
    },
    (chunk) => process.stdout.write(chunk),
  );
  if (written) process.stderr.write(`wrote ${written}\n`);
}

/** `shopeval leaderboard <runs..>`, after yargs has parsed the command line. */
export function handleLeaderboard(args: Readonly<Record<string, unknown>>): void {
  leaderboard(Array.isArray(args['runs']) ? args['runs'].map(String) : [], readFlags(LEADERBOARD_FLAGS, args));
}
