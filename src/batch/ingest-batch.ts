import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { DatasetError } from '../errors';
import { openDataset, type DatasetScan, type StreamedDataset } from '../dataset/load-dataset';
import type { ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { runEvaluation, type RunOutcome } from '../pipeline/run-evaluation';
import type { GenerateRequest, GenerateResponse, LanguageModel } from '../providers/provider';
import { ProviderCallError } from '../providers/provider-call-error';
import type { ProfileName } from '../scoring/types';
import { readExportManifest, type BatchExportManifest } from './batch-export-manifest';
import { batchRequests } from './batch-requests';
import { readBatchResults, type ExpectedRequests } from './read-batch-results';
import type { BatchOutcomeStore } from './batch-outcome-store';
import { IdIndex } from '../util/id-index';

export interface IngestBatchOptions {
  /** The batch output file (OpenAI Batch output JSONL, or vLLM run_batch's output). */
  readonly results: string;
  /** The batch error file (OpenAI writes failed requests there). */
  readonly errors?: string;
  /** The requests file `batch export` wrote; its `.shopeval.json` sidecar says how to rebuild each request. */
  readonly requests: string;
  /** The exported dataset (its rows must hash as they did at export). */
  readonly data: string;
  readonly out: string;
  readonly profile?: ProfileName;
  readonly tags?: Readonly<Record<string, string>>;
  readonly resolveEmbedders?: (dataset: DatasetScan) => Promise<ResolvedEmbedders>;
  readonly force?: boolean;
  /** --strip-reasoning: score the answers without their <think> blocks, as run does. */
  readonly stripReasoning?: boolean;
  readonly notify?: (message: string) => void;
}

/**
 * Turns a finished batch into a normal run directory: the results are checked against the export (every id known,
 * none twice or missing, the same model), then `run` itself answers each row from them, so the manifest, response log,
 * items and summary are exactly a live run's; a failed request is an API error, counted and not scored.
 */
export async function ingestBatch(options: IngestBatchOptions): Promise<RunOutcome> {
  const exported = readExportManifest(options.requests);
  const dataset = await openDataset(options.data, exported.filter, exported.dataset_options);
  if (dataset.sha256 !== exported.dataset.sha256) {
    throw new DatasetError(
      `${options.data}: its rows are not the ones exported to ${options.requests} (content sha256 ${dataset.sha256}, the export's ${exported.dataset.sha256})`,
      {
        hint: `Pass the exported dataset (${exported.dataset.path}) with --data.`,
      },
    );
  }
  const files = [options.results, ...(options.errors === undefined ? [] : [options.errors])];
  const outcomes = await readBatchResults(files, {
    api: exported.api,
    model: exported.model,
    expected: await expectedRequests(dataset, exported),
  });
  try {
    return await ingestOutcomes(options, exported, outcomes);
  } finally {
    outcomes.close();
  }
}

/** The exported requests' custom_ids in an IdIndex (hashes, not strings); the row id is the custom_id before its last `~`. */
async function expectedRequests(dataset: StreamedDataset, exported: BatchExportManifest): Promise<ExpectedRequests> {
  const index = new IdIndex(exported.requests);
  for await (const request of batchRequests(dataset, exported)) index.set(request.customId, request.logprobs ? 1 : 0, 0);
  return {
    size: index.size,
    lookup: (customId) => {
      const found = index.get(customId);
      return found === undefined ? undefined : { rowId: customId.slice(0, customId.lastIndexOf('~')), logprobs: found[0] === 1 };
    },
    firstMissing: async (hasOutcome) => {
      for await (const request of batchRequests(dataset, exported)) if (!hasOutcome(request.row.id)) return request.customId;
      return undefined;
    },
  };
}

async function ingestOutcomes(
  options: IngestBatchOptions,
  exported: BatchExportManifest,
  outcomes: BatchOutcomeStore,
): Promise<RunOutcome> {
  // an export carries no template, few-shot examples or repeats (batch export does not take those flags)
  const { template: _template, fewShot: _fewShot, repeats: _repeats, ...prompt } = exported.prompt;
  return runEvaluation({
    data: options.data,
    filter: exported.filter,
    datasetOptions: exported.dataset_options,
    provider: { provider: 'openai-compatible' },
    model: batchResultsModel(exported, options, outcomes, await fileSha256(options.results)),
    out: options.out,
    prompt,
    tags: options.tags ?? {},
    retry: { maxAttempts: 1 }, // an answer file is read, never asked again
    identityProbe: false,
    ...(options.stripReasoning === true ? { stripReasoning: true } : {}),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.resolveEmbedders === undefined ? {} : { resolveEmbedders: options.resolveEmbedders }),
    ...(options.force === undefined ? {} : { force: options.force }),
    ...(options.notify === undefined ? {} : { notify: options.notify }),
  });
}

/** The provider fields that name one ingest's own files: shards of one run differ in them (merge sets them aside). */
export const BATCH_FILE_FIELDS = ['requests', 'requests_sha256', 'results', 'results_sha256', 'errors'] as const;

/** A model that answers each row with its batch outcome (never a request): the run records it like a live one. */
function batchResultsModel(
  exported: BatchExportManifest,
  options: IngestBatchOptions,
  outcomes: BatchOutcomeStore,
  resultsSha256: string,
): LanguageModel {
  const generate = (request: GenerateRequest): Promise<GenerateResponse> => {
    const id = request.providerOptions?.['openai-batch']?.id ?? '';
    const outcome = outcomes.get(id);
    if (outcome === undefined)
      return Promise.reject(new ProviderCallError({ kind: 'not-found', message: `batch: no result for row ${id}`, isRetryable: true }));
    return 'answer' in outcome ? Promise.resolve(outcome.answer) : Promise.reject(outcome.error);
  };
  return {
    description: {
      provider: 'openai-batch',
      model: exported.model,
      api: exported.api,
      requests: options.requests,
      requests_sha256: exported.requests_sha256,
      results: options.results,
      results_sha256: resultsSha256,
      ...(options.errors === undefined ? {} : { errors: options.errors }),
    },
    cacheable: false,
    logprobs: true, // an answer to a request that asked for them carries them (checked when the line is read)
    generate,
  };
}

function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
