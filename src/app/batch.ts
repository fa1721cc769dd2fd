import { exportBatch, type ExportBatchOptions, type ExportOutcome } from '../batch/export-batch';
import { batchStatus, submitBatch, type HostedBatchSettings, type HostedBatchState } from '../batch/hosted-batch';
import { ingestBatch, type IngestBatchOptions } from '../batch/ingest-batch';
import type { EmbeddingOptions } from '../embeddings/resolve-embedders';
import type { RunOutcome } from '../pipeline/run-evaluation';
import type { RunEvent } from '../pipeline/run-event';
import { SILENT_REPORTER, type AppReporter } from './app-event';
import { resolveDatasetEmbedders } from './dataset-embedders';

/** Writes a batch's requests file and its manifest; events: the export's notes, then batch-exported. */
export async function batchExport(
  options: Omit<ExportBatchOptions, 'reporter'>,
  reporter: AppReporter = SILENT_REPORTER,
): Promise<ExportOutcome> {
  const outcome = await exportBatch({ ...options, reporter });
  reporter({ type: 'batch-exported', outcome });
  return outcome;
}

export interface BatchIngestOptions extends Omit<IngestBatchOptions, 'reporter' | 'resolveEmbedders'> {
  /** The embedding backends of the dataset's semantic metrics. @default the library's */
  readonly embedding?: EmbeddingOptions;
}

/**
 * Turns a finished batch into a normal run directory. Events: the notes of the run that answers from the results (not
 * its progress: a file is read, nothing is asked), then batch-ingested with the scores.
 */
export async function batchIngest(options: BatchIngestOptions, reporter: AppReporter = SILENT_REPORTER): Promise<RunOutcome> {
  const { embedding, ...ingest } = options;
  const outcome = await ingestBatch({
    ...ingest,
    resolveEmbedders: (dataset) => resolveDatasetEmbedders(dataset, embedding ?? {}, reporter),
    reporter: (event: RunEvent) => {
      if (event.type === 'notice' || event.type === 'warning') reporter(event);
    },
  });
  reporter({ type: 'batch-ingested', outcome });
  return outcome;
}

/** Uploads a requests file and creates a hosted batch; one batch-state event (`submitted`) with its id. */
export async function batchSubmit(
  requests: string,
  settings: HostedBatchSettings,
  reporter: AppReporter = SILENT_REPORTER,
): Promise<HostedBatchState> {
  const state = await submitBatch(requests, settings);
  reporter({ type: 'batch-state', state, submitted: true });
  return state;
}

/** A hosted batch's state, its files downloaded to `download` once it has finished; one batch-state event. */
export async function batchState(
  id: string,
  settings: HostedBatchSettings & { readonly download?: string },
  reporter: AppReporter = SILENT_REPORTER,
): Promise<HostedBatchState> {
  const state = await batchStatus(id, settings);
  reporter({ type: 'batch-state', state, submitted: false });
  return state;
}
