import { ConfigError } from '../errors';

/** `--tag key=value` repeated, as an object; a tag without `=` is refused. */
export function parseTags(values: readonly string[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at <= 0) throw new ConfigError(`--tag ${value}: expected key=value`);
    tags[value.slice(0, at)] = value.slice(at + 1);
  }
  return tags;
}

/** Splits repeated and comma-separated list flags (`--tasks task1,task2 --tasks task3`). */
export function listFlag(values: readonly (string | number)[] | undefined): string[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  return values
    .flatMap((value) => String(value).split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}
