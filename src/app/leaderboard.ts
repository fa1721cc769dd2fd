import { ConfigError } from '../errors';
import { buildLeaderboard, findRunDirectories, loadRunDirectory, parsePivotSpec, type ReportFormat } from '../reports';
import { SILENT_REPORTER, type AppReporter } from './app-event';
import { rendererOf, writeDocument } from './write-document';

export interface LeaderboardRunsOptions {
  /** Run directories, parents of run directories, or globs. */
  readonly runs: readonly string[];
  /** @default 'terminal' */
  readonly format?: ReportFormat;
  /** A file, or `-` for a `document` event. @default a `document` event for terminal, otherwise reports/leaderboard.<ext> */
  readonly output?: string;
  readonly force?: boolean;
  readonly seed?: number;
  readonly resamples?: number;
  /** overall, a track, a task or a latency/token figure. @default 'overall' */
  readonly sortBy?: string;
  /** `rows=TAG,cols=TAG`: a table of `pivotValue` by two manifest tags. */
  readonly pivot?: string;
  /** The score in pivot cells. @default sortBy */
  readonly pivotValue?: string;
  /** Let a pivot cell hold the mean of several runs. @default false */
  readonly pivotMeans?: boolean;
  /** Runs to leave out (names, directories or globs over them). */
  readonly exclude?: readonly string[];
  /** Keep the largest group of comparable runs instead of refusing. @default false */
  readonly skipIncompatible?: boolean;
}

/** Ranks many runs with intervals: the leaderboard's warnings, the document, then the file written. */
export function leaderboard(options: LeaderboardRunsOptions, reporter: AppReporter = SILENT_REPORTER): void {
  const pivot = options.pivot === undefined ? null : parsePivotSpec(options.pivot);
  if (options.pivot !== undefined && pivot === null) {
    throw new ConfigError(`--pivot "${options.pivot}" must look like rows=TAG,cols=TAG`, { hint: 'e.g. --pivot rows=lora_rank,cols=mix' });
  }
  const format = options.format ?? 'terminal';
  const { render, extension } = rendererOf(format, 'leaderboard', 'leaderboard');
  const found = findRunDirectories([...options.runs]);
  const runs = found.runs.map(loadRunDirectory);
  const board = buildLeaderboard(runs, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
    sortBy: options.sortBy ?? 'overall',
    pivot,
    pivotValue: options.pivotValue ?? null,
    skippedUnfinished: found.unfinished,
    skippedArguments: found.skipped,
    pivotMeans: options.pivotMeans === true,
    exclude: options.exclude ?? [],
    skipIncompatible: options.skipIncompatible === true,
  });
  for (const warning of board.warnings) reporter({ type: 'warning', message: warning });
  const written = writeDocument(
    render(board),
    { format, output: options.output, defaultName: 'leaderboard', force: options.force, inputs: runs.map((run) => run.directory) },
    extension,
    reporter,
  );
  if (written) reporter({ type: 'files-written', paths: [written] });
}
