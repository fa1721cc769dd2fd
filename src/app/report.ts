import { buildRunReport, loadRunDirectory, type ReportFormat } from '../reports';
import { SILENT_REPORTER, type AppReporter } from './app-event';
import { rendererOf, writeDocument } from './write-document';

export interface ReportRunOptions {
  /** A `shopeval run` or `shopeval score --out` directory. */
  readonly directory: string;
  /** @default 'terminal' */
  readonly format?: ReportFormat;
  /** A file, or `-` for a `document` event. @default a `document` event for terminal, otherwise reports/<run>.<ext> */
  readonly output?: string;
  /** Replace an existing default-named report file. @default false */
  readonly force?: boolean;
  /** Bootstrap seed and resamples of the intervals. @default DEFAULT_BOOTSTRAP */
  readonly seed?: number;
  readonly resamples?: number;
}

/** Reports one run directory with bootstrap intervals in a format: the document, then the report's warnings, then the file written. */
export function report(options: ReportRunOptions, reporter: AppReporter = SILENT_REPORTER): void {
  const format = options.format ?? 'terminal';
  const { render, extension } = rendererOf(format, 'report', 'report');
  const run = loadRunDirectory(options.directory);
  const built = buildRunReport(run, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
  });
  const written = writeDocument(
    render(built, run.items),
    { format, output: options.output, defaultName: run.name, force: options.force, inputs: [options.directory] },
    extension,
    reporter,
  );
  for (const warning of built.warnings) reporter({ type: 'warning', message: warning });
  if (written) reporter({ type: 'files-written', paths: [written] });
}
