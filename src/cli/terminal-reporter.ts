import type { AppEvent, AppReporter } from '../app/app-event';
import { renderSummaryTable } from '../reports/render/summary-table';
import { createProgressBar } from './progress-bar';
import { renderRunOutcome } from './render-run-outcome';

export interface TerminalReporterOptions {
  /** What a warning line starts with: `warning: ` (report), `WARNING: ` (compare, leaderboard). @default '' */
  readonly warningPrefix?: string;
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  /** The stream the progress bar draws on (a terminal gets a redrawn bar, a log periodic lines). @default process.stderr */
  readonly progressStream?: NodeJS.WriteStream;
}

/**
 * The command line's reporter: documents, tables and embeddings on stdout; notices, warnings, progress and the files
 * written on stderr (so stdout can be piped).
 */
export function createTerminalReporter(options: TerminalReporterOptions = {}): AppReporter {
  const stdout = options.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => void process.stderr.write(text));
  const progress = createProgressBar(options.progressStream === undefined ? {} : { stream: options.progressStream });
  const warningPrefix = options.warningPrefix ?? '';
  return (event: AppEvent): void => {
    switch (event.type) {
      case 'notice':
        return stderr(`${event.message}\n`);
      case 'warning':
        return stderr(`${warningPrefix}${event.message}\n`);
      case 'run-start':
        return stderr(`run directory: ${event.directory}\n`);
      case 'progress-start':
        return progress.start(event.total, event.alreadyDone);
      case 'item-end':
        return progress.itemDone(event.failed);
      case 'progress-end':
        return progress.finish();
      case 'run-end':
        return renderRunOutcome(event.outcome, { stdout, stderr });
      case 'scores':
        return stdout(renderSummaryTable(event.summary, event.detailsIn === undefined ? {} : { detailsIn: event.detailsIn }) + '\n');
      case 'document':
        return stdout(event.text);
      case 'files-written':
        return stderr(`wrote ${event.paths.join(' and ')}\n`);
      case 'gate':
        return stderr(`${event.message}\n`);
      case 'budget-verdict':
        return stdout(event.verdict.text + '\n');
      case 'check-failed':
        return event.message === undefined ? undefined : stderr(`${event.message}\n`);
      case 'embedding':
        return stdout(`${embeddingLine(event)}\n`);
    }
  };
}

/** One sentence's embedding as the JSON line `shopeval embed` prints. */
export function embeddingLine(event: Extract<AppEvent, { type: 'embedding' }>): string {
  return JSON.stringify({ text: event.text, dimension: event.dimension, norm: event.norm, embedding: event.embedding });
}
