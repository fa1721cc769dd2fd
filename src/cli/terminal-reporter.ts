import type { AppEvent, AppReporter } from '../app/app-event';
import { renderSummaryTable } from '../reports/render/summary-table';
import { createProgressBar } from './progress-bar';
import { renderBatchExported, renderBatchIngested, renderBatchState, renderShardsMerged } from './render-batch';
import { renderCacheMaintenance } from './render-cache';
import { renderRunOutcome } from './render-run-outcome';
import { WARNING_PREFIX } from '../util/note-event';

export interface TerminalReporterOptions {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  /** The stream the progress bar draws on (a terminal gets a redrawn bar, a log periodic lines). @default process.stderr */
  readonly progressStream?: NodeJS.WriteStream;
  /** The command that resumes a stopped run in `directory`, printed under the run-stop message (`run` knows its flags). */
  readonly resumeCommand?: (directory: string) => string;
}

/**
 * The command line's reporter: documents, tables and embeddings on stdout; notices, warnings, progress and the files
 * written on stderr (so stdout can be piped). Retries and the checkpoint identity are for programs: nothing is printed.
 */
export function createTerminalReporter(options: TerminalReporterOptions = {}): AppReporter {
  const stdout = options.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => void process.stderr.write(text));
  const streams = { stdout, stderr };
  const progress = createProgressBar(options.progressStream === undefined ? {} : { stream: options.progressStream });
  return (event: AppEvent): void => {
    switch (event.type) {
      case 'notice':
        return stderr(`${event.message}\n`);
      case 'warning':
        return stderr(`${WARNING_PREFIX}${event.message}\n`);
      case 'run-start':
        return stderr(`run directory: ${event.directory}\n`);
      case 'identity-established':
      case 'retry':
        return;
      case 'progress-start':
        return progress.start(event.total, event.alreadyDone);
      case 'item-end':
        return progress.itemDone(event.failed);
      case 'progress-end':
        return progress.finish();
      case 'run-stop': {
        const resume = options.resumeCommand === undefined ? '' : `  resume with: ${options.resumeCommand(event.directory)}\n`;
        // an interruption is the user's own doing; an endpoint that died is an error, said as the CLI says errors
        return stderr(`${event.reason === 'interrupted' ? '' : 'shopeval: '}${event.message}\n${resume}`);
      }
      case 'run-end':
        return renderRunOutcome(event.outcome, streams);
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
      case 'shards-merged':
        return renderShardsMerged(event.outcome, streams);
      case 'batch-exported':
        return renderBatchExported(event.outcome, streams);
      case 'batch-ingested':
        return renderBatchIngested(event.outcome, streams);
      case 'batch-state':
        return renderBatchState(event.state, event.submitted, streams);
      case 'cache-maintained':
        return stdout(renderCacheMaintenance(event.directory, event.result));
      case 'embedding':
        return stdout(`${embeddingLine(event)}\n`);
    }
  };
}

/** One sentence's embedding as the JSON line `shopeval embed` prints. */
export function embeddingLine(event: Extract<AppEvent, { type: 'embedding' }>): string {
  return JSON.stringify({ text: event.text, dimension: event.dimension, norm: event.norm, embedding: event.embedding });
}
