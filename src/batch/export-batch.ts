import { ConfigError } from '../errors';
import { checkOptionKeys } from '../pipeline/check-option-keys';
import { describeSkippedRows } from '../dataset/dataset-identity';
import { openDataset, type DatasetFilter, type DatasetOptions } from '../dataset/load-dataset';
import { resolvePromptSettings } from '../pipeline/resolve-prompt-settings';
import type { RunPromptOptions } from '../pipeline/run-options';
import { shopevalVersion } from '../pipeline/shopeval-version';
import { OPENAI_API_PATHS, type OpenAIApi } from '../providers/openai-compatible/request-body';
import { AtomicFileWriter } from '../rundir/atomic-file';
import { batchRequests } from './batch-requests';
import {
  exportManifestPath,
  writeExportManifest,
  BATCH_EXPORT_FORMAT,
  BATCH_EXPORT_SCHEMA_VERSION,
  type BatchExportManifest,
} from './batch-export-manifest';
import { exportedPrompt } from './exported-prompt';
import type { NoteReporter } from '../util/note-event';

/** The OpenAI Batch API takes at most this many requests per input file. */
export const OPENAI_BATCH_MAX_REQUESTS = 50_000;
/** Lines are written in chunks of about this many bytes. */
const CHUNK_BYTES = 1 << 20;

export interface ExportBatchOptions {
  readonly data: string;
  readonly datasetOptions?: DatasetOptions;
  readonly filter?: DatasetFilter;
  readonly model: string;
  /** @default 'chat' */
  readonly api?: OpenAIApi;
  /** run's prompt options (templates and few-shot sources named by file), resolved exactly as `runEvaluation` resolves them. */
  readonly prompt?: RunPromptOptions;
  /** The requests file (OpenAI Batch input JSONL); its manifest goes to `<out>.shopeval.json`. */
  readonly out: string;
  /** Told of skipped rows, short few-shot tasks and a file over the OpenAI Batch API's limit. */
  readonly reporter?: NoteReporter;
}

// Record<keyof X, true>: the compiler fails when an option is added to the interface and not here
const EXPORT_KEYS: Record<keyof ExportBatchOptions, true> = {
  data: true,
  datasetOptions: true,
  filter: true,
  model: true,
  api: true,
  prompt: true,
  out: true,
  reporter: true,
};

export interface ExportOutcome {
  readonly file: string;
  readonly manifestFile: string;
  readonly manifest: BatchExportManifest;
}

/**
 * Writes one OpenAI Batch input line (`custom_id`, `method`, `url`, `body`) per filtered row and repeat, the body built
 * by the live adapter's own function from the prompt settings run resolves (template, few-shot examples, repeat seeds),
 * then the sidecar manifest ingest checks results against. Both files appear whole or not at all.
 */
export async function exportBatch(options: ExportBatchOptions): Promise<ExportOutcome> {
  checkOptionKeys(options, EXPORT_KEYS, 'exportBatch options');
  if (options.model.trim() === '')
    throw new ConfigError('batch export needs the model name the batch will be run with', {
      hint: 'Pass --model (the name vLLM serves, or an OpenAI model).',
    });
  const api = options.api ?? 'chat';
  const dataset = await openDataset(options.data, options.filter ?? {}, options.datasetOptions ?? {});
  const skipped = describeSkippedRows(dataset);
  if (skipped !== undefined) options.reporter?.({ type: 'warning', message: skipped });
  const prompt = await resolvePromptSettings(options.prompt, () => dataset.rowsInOrder(), options.reporter);
  const url = OPENAI_API_PATHS[api];
  const writer = AtomicFileWriter.open(options.out);
  let requests = 0;
  let sha256: string;
  try {
    let chunk = '';
    for await (const request of batchRequests(dataset, { api, model: options.model, prompt })) {
      chunk += JSON.stringify({ custom_id: request.customId, method: 'POST', url, body: request.body }) + '\n';
      requests += 1;
      if (chunk.length >= CHUNK_BYTES) {
        writer.write(chunk);
        chunk = '';
      }
    }
    writer.write(chunk);
    sha256 = writer.finish();
  } catch (error) {
    writer.abort();
    throw error;
  }
  const manifest: BatchExportManifest = {
    format: BATCH_EXPORT_FORMAT,
    schema_version: BATCH_EXPORT_SCHEMA_VERSION,
    shopeval_version: shopevalVersion(),
    created_at: new Date().toISOString(),
    model: options.model,
    api,
    url,
    requests,
    requests_sha256: sha256,
    dataset: { path: dataset.path, sha256: dataset.sha256 },
    dataset_options: options.datasetOptions ?? {},
    filter: options.filter ?? {},
    prompt: exportedPrompt(prompt),
  };
  writeExportManifest(options.out, manifest); // first: a requests file never appears without the manifest ingest needs
  writer.publish();
  if (requests > OPENAI_BATCH_MAX_REQUESTS) {
    options.reporter?.({
      type: 'notice',
      message: `${requests} requests: the OpenAI Batch API takes at most ${OPENAI_BATCH_MAX_REQUESTS} per file (vLLM run_batch has no limit); export shards with --shard I/N to split them`,
    });
  }
  return { file: options.out, manifestFile: exportManifestPath(options.out), manifest };
}
