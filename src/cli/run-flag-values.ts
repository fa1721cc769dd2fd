import type { DatasetFilter, DatasetOptions } from '../dataset/load-dataset';
import { ConfigError } from '../errors';
import { parseShard } from '../shards/shard';
import { defined } from '../util/defined';

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

/** The flags that choose a run's rows (`--skip-invalid-rows`, `--track-map`, `--tasks`, `--tracks`, `--limit`, `--shard`), as `run` and `batch export` both take them. */
export function rowSelectionOf(args: {
  readonly 'skip-invalid-rows': boolean;
  readonly 'track-map'?: string | undefined;
  readonly tasks?: readonly (string | number)[] | undefined;
  readonly tracks?: readonly (string | number)[] | undefined;
  readonly limit?: number | undefined;
  readonly shard?: string | undefined;
}): { readonly datasetOptions: DatasetOptions; readonly filter: DatasetFilter } {
  return {
    datasetOptions: { skipInvalidRows: args['skip-invalid-rows'], ...defined({ trackMap: args['track-map'] }) },
    filter: defined({
      tasks: listFlag(args.tasks),
      tracks: listFlag(args.tracks),
      limit: args.limit,
      shard: args.shard === undefined ? undefined : parseShard(args.shard),
    }),
  };
}
