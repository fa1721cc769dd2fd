import type { Argv, Options } from 'yargs';
import { expectedNumber, FLAG_GROUPS, type FlagSpec, type FlagTable } from './flag-spec';

/** A flag given twice keeps its last value, as most command lines do (`--timeout 1000 --timeout 500` is 500). */
function lastValue(value: unknown): unknown {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

// numbers get no yargs type: yargs would turn "abc" into NaN, and the error must quote what the user typed
function yargsType(flag: FlagSpec): Pick<Options, 'type'> {
  if (flag.type === 'boolean') return { type: 'boolean' };
  if (flag.type === 'integer' || flag.type === 'number') return {};
  return { type: 'string' };
}

function helpText(flag: FlagSpec): string {
  return flag.type === 'integer' || flag.type === 'number'
    ? `${flag.describe} [${expectedNumber(flag).replace(/^an? /, '')}]`
    : flag.describe;
}

/** One flag's yargs options: its help line, group, default and demand. Values are checked by readFlags. */
export function yargsOption(flag: FlagSpec): Options {
  return {
    ...yargsType(flag),
    describe: helpText(flag),
    group: FLAG_GROUPS[flag.group],
    ...(flag.type === 'list' ? { array: true } : { coerce: lastValue }),
    ...(flag.type === 'choice' ? { choices: flag.choices } : {}),
    ...(flag.type !== 'list' && flag.type !== 'boolean' ? { requiresArg: true } : {}),
    ...('default' in flag && flag.default !== undefined ? { default: flag.default } : {}),
    ...(flag.defaultDescription === undefined ? {} : { defaultDescription: flag.defaultDescription }),
    ...(flag.required ? { demandOption: true } : {}),
  };
}

/** The flags as yargs options, in help-group order (data first, embeddings last), whatever the table order. */
export function addFlags<T>(argv: Argv<T>, table: FlagTable): Argv<T> {
  const order = Object.keys(FLAG_GROUPS);
  const entries = Object.entries(table).sort(([, a], [, b]) => order.indexOf(a.group) - order.indexOf(b.group));
  argv.options(Object.fromEntries(entries.map(([name, flag]) => [name, yargsOption(flag)]))); // yargs adds them to this instance
  return argv;
}
