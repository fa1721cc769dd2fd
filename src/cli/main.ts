import yargs from 'yargs';
import { configDefaults, DEFAULT_CONFIG_FILE } from '../config/load-config';
import { ConfigError } from '../errors';
import { commandModule } from './command-definitions';
import { commandWord, lastFlagValue } from './command-word';
import { reportError } from './exit-codes';
import { redactProcessOutput, registerProcessSecrets } from './redact-process-output';
import { COMMAND_NAMES, commandFlags, CONFIG_FLAG_DESCRIPTION, isCommandName } from './flags/command-flags';
import { didYouMean } from '../util/suggest';
import { usageError } from './usage-error';

const GLOBAL_FLAGS = ['config', 'help', 'version'];

/** The shopeval command line: each command parses its flags and calls the library; errors become exit codes here. */
export async function main(argv: readonly string[]): Promise<void> {
  registerProcessSecrets(argv);
  const restore = redactProcessOutput(); // keys and control characters never reach stdout or stderr
  try {
    await parse(argv);
  } catch (error) {
    process.exitCode = reportError(error, (text) => process.stderr.write(text));
  } finally {
    restore();
  }
}

async function parse(argv: readonly string[]): Promise<void> {
  const command = commandWord(argv);
  if (command !== undefined && !isCommandName(command)) {
    throw new ConfigError(`unknown command "${command}"${didYouMean(command, COMMAND_NAMES)}`, {
      hint: `Commands: ${COMMAND_NAMES.join(', ')} (shopeval --help).`,
    });
  }
  const flags = [...(command === undefined ? [] : Object.keys(commandFlags(command))), ...GLOBAL_FLAGS];
  const cli = yargs([...argv])
    .scriptName('shopeval')
    .option('config', {
      type: 'string',
      global: true,
      requiresArg: true,
      coerce: (value: unknown) => (Array.isArray(value) ? value[value.length - 1] : value),
      describe: CONFIG_FLAG_DESCRIPTION,
      defaultDescription: `./${DEFAULT_CONFIG_FILE} if present`,
    })
    .config(configDefaults(command, lastFlagValue(argv, 'config')))
    .usage('$0 <command> [options]\n\nEvaluate LLMs on ShopBench (Amazon KDD Cup 2024) tasks, scored exactly as the official scorer does.')
    .command(COMMAND_NAMES.map(commandModule))
    .example(
      '$0 run --data fixtures/datasets/shopbench-dev.jsonl --provider builtin',
      'score the builtin baseline on the dev set, no server needed',
    )
    .example('$0 run --help', 'the flags of one command, grouped')
    .demandCommand(1, 'Name a command: shopeval --help lists them.')
    .strict()
    .help()
    .describe('help', "Show help (shopeval <command> --help: that command's flags)")
    .version()
    .describe('version', 'Show the version')
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      // yargs' own complaints (YError) become short messages with the fix; our errors pass through
      if (error !== undefined && error !== null && error.name !== 'YError') throw error;
      throw usageError(message ?? error?.message ?? 'invalid command line', argv, flags, command);
    });
  await cli.parseAsync();
}
