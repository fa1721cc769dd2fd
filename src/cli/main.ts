import yargs from 'yargs';
import { ConfigError } from '../errors';
import { reportError } from './exit-codes';
import { compareCommand } from './compare-command';
import { embedCommand } from './embed-command';
import { leaderboardCommand } from './leaderboard-command';
import { reportCommand } from './report-command';
import { runCommand } from './run-command';
import { scoreCommand } from './score-command';

/** The shopeval command line: each command parses its flags and calls the library; errors become exit codes here. */
export async function main(argv: readonly string[]): Promise<void> {
  const cli = yargs([...argv])
    .scriptName('shopeval')
    .usage('$0 <command> [options]')
    .command(runCommand)
    .command(scoreCommand)
    .command(reportCommand)
    .command(compareCommand)
    .command(leaderboardCommand)
    .command(embedCommand)
    .demandCommand(1, 'Name a command: shopeval --help lists them.')
    .strict()
    .recommendCommands()
    .help()
    .version()
    .fail((message, error) => {
      throw error ?? new ConfigError(message ?? 'invalid command line', { hint: 'Run shopeval --help.' });
    });
  try {
    await cli.parseAsync();
  } catch (error) {
    process.exitCode = reportError(error, (text) => process.stderr.write(text));
  }
}
