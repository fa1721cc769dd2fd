/**
 * A flag is declared once, as an entry of its command's table: the yargs options, the typed values a command reads,
 * the config-file schema and the README's flag list are all produced from these tables.
 */

/** Help groups, in the order `--help` shows them (the main flags first, the embedding flags last). */
export const FLAG_GROUPS = {
  data: 'Data:',
  model: 'Model and endpoint:',
  prompting: 'Prompting:',
  requests: 'Requests (concurrency, retries, cache):',
  scoring: 'Scoring:',
  statistics: 'Statistics and gate:',
  competition: 'Competition mode (evaluator-style batches, the time budget):',
  output: 'Output:',
  embeddings: 'Embeddings (the sent-transformer and multilingual-sent-transformer metrics):',
} as const;
export type FlagGroup = keyof typeof FLAG_GROUPS;

interface FlagBase {
  /** One line for `--help`, the config schema and the README. */
  readonly describe: string;
  readonly group: FlagGroup;
  /** yargs demands it (a config file may supply it). */
  readonly required?: true;
  /** Shown as the default when the real one is computed at run time (e.g. from the environment). */
  readonly defaultDescription?: string;
  /** false: a command-line-only flag (a secret, or one that discards data), never read from a config file. */
  readonly configurable?: false;
}

/** `path`: relative to the config file when set there; `path-or-name`: only when written as ./ or ../ */
export type PathKind = 'path' | 'path-or-name';

export interface StringFlag extends FlagBase {
  readonly type: 'string';
  readonly default?: string;
  readonly path?: PathKind;
}
export interface ChoiceFlag extends FlagBase {
  readonly type: 'choice';
  readonly choices: readonly string[];
  readonly default?: string;
}
/** Repeatable: `--tag a=1 --tag b=2`; list flags that name things also accept commas (the command splits them). */
export interface ListFlag extends FlagBase {
  readonly type: 'list';
}
export interface BooleanFlag extends FlagBase {
  readonly type: 'boolean';
  readonly default: boolean;
}
export interface NumberFlag extends FlagBase {
  readonly type: 'integer' | 'number';
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
  /** Said after the expected range when a value is refused, e.g. "0.05 means 5%". */
  readonly example?: string;
}

export type FlagSpec = StringFlag | ChoiceFlag | ListFlag | BooleanFlag | NumberFlag;
export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** The value a command reads for one flag. */
export type FlagValue<F extends FlagSpec> = F extends BooleanFlag
  ? boolean
  : F extends NumberFlag
    ? number
    : F extends ListFlag
      ? readonly string[]
      : F extends { readonly choices: readonly (infer C)[] }
        ? C
        : string;

type Given<F extends FlagSpec> = F extends { readonly required: true } | { readonly default: unknown }
  ? FlagValue<F>
  : FlagValue<F> | undefined;

/** The typed values of a table's flags: defaulted and required flags are always present. */
export type FlagValues<T extends FlagTable> = { readonly [K in keyof T]: Given<T[K]> };

/** What a number flag accepts, in words: "a positive integer", "a number from 0 to 1". */
export function expectedNumber(flag: NumberFlag): string {
  const kind = flag.type === 'integer' ? 'an integer' : 'a finite number';
  if (flag.min !== undefined && flag.max !== undefined)
    return `${flag.type === 'integer' ? 'an integer' : 'a number'} from ${flag.min} to ${flag.max}`;
  if (flag.type === 'integer' && flag.min === 1) return 'a positive integer';
  if (flag.min !== undefined) return `${kind} >= ${flag.min}`;
  return kind;
}
