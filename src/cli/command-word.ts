/** Global flags that take a value, so the value is not mistaken for the command word. */
const GLOBAL_FLAGS_WITH_VALUE = ['--config'];

/** The command word: the first argument that is neither a global flag nor its value (`shopeval --config my.json run`). */
export function commandWord(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (GLOBAL_FLAGS_WITH_VALUE.includes(argument)) index += 1;
    else if (!argument.startsWith('-')) return argument;
  }
  return undefined;
}

/** The last `--name value` or `--name=value` (the last of a repeated flag wins), read before yargs runs. */
export function lastFlagValue(argv: readonly string[], name: string): string | undefined {
  let found: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === `--${name}`) found = argv[index + 1];
    else if (argument.startsWith(`--${name}=`)) found = argument.slice(name.length + 3);
  }
  return found;
}
