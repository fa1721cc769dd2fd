import { ConfigError } from '../../errors';
import { expectedNumber, type FlagSpec, type FlagTable, type FlagValues, type NumberFlag } from './flag-spec';
import { didYouMean } from '../../util/suggest';

/** A number flag's value: the text typed (or the config file's number), checked against the table's range. */
function readNumber(name: string, flag: NumberFlag, value: unknown): number {
  const text = String(value).trim();
  const parsed = typeof value === 'number' ? value : text === '' ? Number.NaN : Number(text);
  const fits =
    Number.isFinite(parsed) &&
    (flag.type === 'number' || Number.isSafeInteger(parsed)) &&
    (flag.min === undefined || parsed >= flag.min) &&
    (flag.max === undefined || parsed <= flag.max);
  if (!fits) {
    throw new ConfigError(
      `--${name} ${text === '' ? '(no value)' : text}: expected ${expectedNumber(flag)}`,
      flag.example === undefined ? {} : { hint: `${flag.example}.` },
    );
  }
  return parsed;
}

function readChoice(name: string, choices: readonly string[], value: unknown): string {
  const text = String(value);
  if (choices.includes(text)) return text;
  throw new ConfigError(`--${name} ${text}: expected one of ${choices.join(', ')}${didYouMean(text, choices)}`);
}

function readOne(name: string, flag: FlagSpec, value: unknown): unknown {
  switch (flag.type) {
    case 'integer':
    case 'number':
      return readNumber(name, flag, value);
    case 'choice':
      return readChoice(name, flag.choices, value);
    case 'boolean':
      return value === true;
    case 'list':
      return (Array.isArray(value) ? value : [value]).map(String);
    case 'string':
      return String(value);
  }
}

/**
 * The typed values of a table's flags from yargs' parsed arguments (flags on the command line, then the config file,
 * then the table's defaults). Every value is checked here, so a command receives only valid values.
 */
export function readFlags<T extends FlagTable>(table: T, args: Readonly<Record<string, unknown>>): FlagValues<T> {
  const values: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(table)) {
    const value = args[name];
    if (value !== undefined) values[name] = readOne(name, flag, value);
  }
  return values as FlagValues<T>;
}
