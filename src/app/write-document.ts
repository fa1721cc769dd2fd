import { ConfigError } from '../errors';
import { REPORTERS, writeReportOutput, type Reporter, type ReportFormat } from '../reports';
import type { AppReporter } from './app-event';

/** Where a rendered document goes, and what it must never overwrite. */
export interface DocumentTarget {
  readonly format: ReportFormat;
  /** A file, or `-` for a `document` event. @default a `document` event for terminal, otherwise reports/<defaultName>.<extension> */
  readonly output?: string | undefined;
  readonly defaultName: string;
  /** Replace an existing default-named report file. @default false */
  readonly force?: boolean | undefined;
  /** The run directories the document reads: never overwritten by it. */
  readonly inputs: readonly string[];
}

/** The format's renderer for one kind of document and its file extension; a format without it is refused naming the command. */
export function rendererOf<K extends 'report' | 'comparison' | 'leaderboard'>(
  format: ReportFormat,
  hook: K,
  command: string,
): { readonly render: NonNullable<Reporter[K]>; readonly extension: string } {
  const reporter: Reporter = REPORTERS[format];
  const render = reporter[hook];
  if (render === undefined || render === null) throw new ConfigError(`--format ${format} is not available for ${command}`);
  return { render, extension: reporter.extension };
}

/** Writes the document to its file (or emits it for standard output); returns the file written, or null. */
export function writeDocument(text: string, target: DocumentTarget, extension: string, reporter: AppReporter): string | null {
  return writeReportOutput(
    text,
    {
      format: target.format,
      output: target.output,
      defaultName: target.defaultName,
      extension,
      ...(target.force === undefined ? {} : { force: target.force }),
      inputs: target.inputs,
    },
    (chunk) => reporter({ type: 'document', text: chunk }),
  );
}
