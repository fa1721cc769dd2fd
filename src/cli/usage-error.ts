import { ConfigError } from '../errors';
import { didYouMean } from '../util/suggest';

/**
 * Turns a yargs complaint into a short error with the fix: an unknown flag gets its nearest real flag, a refused
 * choice the nearest choice, a missing value the flag's name.
 */
export function usageError(message: string, argv: readonly string[], flags: readonly string[], command: string | undefined): ConfigError {
  const help = `Run shopeval ${command === undefined ? '' : `${command} `}--help for the flags.`;
  const unknown = /^Unknown arguments?: (.*)$/s.exec(message);
  if (unknown !== null) {
    const names = (unknown[1] ?? '').split(', ').filter((name) => name !== command);
    const typedAsFlag = (name: string): boolean =>
      argv.some((argument) => argument === `--${name}` || argument.startsWith(`--${name}=`) || argument === `--no-${name}`);
    const first = names[0] ?? '';
    if (typedAsFlag(first)) return new ConfigError(`unknown flag --${first}${didYouMean(first, flags, '--')}`, { hint: help });
    return new ConfigError(`unexpected argument "${first}"`, { hint: help });
  }
  const choice = /Argument: (\S+), Given: "([^"]*)", Choices: (.*)$/m.exec(message);
  if (choice !== null) {
    const choices = (choice[3] ?? '').split(', ').map((entry) => entry.replace(/^"|"$/g, ''));
    return new ConfigError(
      `--${choice[1] ?? ''} ${choice[2] ?? ''}: expected one of ${choices.join(', ')}${didYouMean(choice[2] ?? '', choices)}`,
    );
  }
  const noValue = /^Not enough arguments following: (\S+)$/.exec(message);
  if (noValue !== null) return new ConfigError(`--${noValue[1] ?? ''} needs a value`, { hint: help });
  const missing = /^Missing required arguments?: (.*)$/.exec(message);
  if (missing !== null) {
    const names = (missing[1] ?? '').split(', ').map((name) => `--${name}`);
    return new ConfigError(`${command === undefined ? '' : `${command}: `}missing ${names.join(', ')}`, {
      hint: `${help} A config file may set it too.`,
    });
  }
  if (/^Not enough non-option arguments/.test(message))
    return new ConfigError(`${command ?? 'shopeval'}: missing arguments`, { hint: help });
  return new ConfigError(message, { hint: help });
}
