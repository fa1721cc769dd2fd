import { leaderboard } from '../app/leaderboard';
import type { FlagValues } from './flags/flag-spec';
import { readFlags } from './flags/read-flags';
import { LEADERBOARD_FLAGS } from './flags/report-flags';
import { listFlag } from './run-flag-values';
import { createTerminalReporter } from './terminal-reporter';
import { defined } from '../util/defined';

function leaderboardFlags(runs: readonly string[], args: FlagValues<typeof LEADERBOARD_FLAGS>): void {
  leaderboard(
    {
      runs,
      format: args.format,
      ...defined({ output: args.output, pivot: args.pivot, pivotValue: args.value }),
      force: args.force,
      seed: args.seed,
      resamples: args.resamples,
      sortBy: args.sort,
      pivotMeans: args['pivot-means'],
      exclude: listFlag(args.exclude) ?? [],
      skipIncompatible: args['skip-incompatible'],
    },
    createTerminalReporter(),
  );
}

/** `shopeval leaderboard <runs..>`, after yargs has parsed the command line. */
export function handleLeaderboard(args: Readonly<Record<string, unknown>>): void {
  leaderboardFlags(Array.isArray(args['runs']) ? args['runs'].map(String) : [], readFlags(LEADERBOARD_FLAGS, args));
}
