import yargs from 'yargs';
import { configDefaults, DEFAULT_CONFIG_FILE } from '../config/load-config';
import { ConfigError } from '../errors';
import { reportError } from './exit-codes';
import { redactProcessOutput, registerProcessSecrets } from './redact-process-output';
import { cacheCommand } from './cache-command';
import { compareCommand } from './compare-command';
import { embedCommand } from './embed-command';
import { leaderboardCommand } from './leaderboard-command';
import { reportCommand } from './report-command';
import { runCommand } from './run-command';
import { scoreCommand } from './score-command';

/** The shopeval command line: each command parses its flags and calls the library; errors become exit codes here. */
export async function main(argv: readonly string[]): Promise<void> {
  registerProcessSecrets(argv);
  const restore = redactProcessOutput();
  try {
    await runMain(argv);
  } finally {
    restore();
  }
}

async function runMain(argv: readonly string[]): Promise<void> {
  let defaults: Record<string, unknown>;
  try {
    defaults = configDefaults(commandName(argv), flagValue(argv, 'config'));
  } catch (error) {
    process.exitCode = reportError(error, (text) => process.stderr.write(text));
    return;
  }
  const cli = yargs([...argv])
    .scriptName('shopeval')
    .option('config', { type: 'string', global: true, describe: `JSON file of default flag values per command [default: ./${DEFAULT_CONFIG_FILE} if present]` })
    .config(defaults)
    .usage('$0 <command> [options]')
    .command(runCommand)
    .command(scoreCommand)
    .command(reportCommand)
    .command(compareCommand)
    .command(leaderboardCommand)
    .command(embedCommand)
    .command(cacheCommand)
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

/** The command word: the first argument that is not a flag (yargs parses the rest). */
function commandName(argv: readonly string[]): string | undefined {
  return argv.find((argument) => !argument.startsWith('-'));
}

/** `--name value` or `--name=value`, read before yargs so the config can supply yargs' defaults. */
function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    if (argument === `--${name}`) return argv[index + 1];
    if (argument.startsWith(`--${name}=`)) return argument.slice(name.length + 3);
  }
  return undefined;
}
