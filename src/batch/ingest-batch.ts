import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { DatasetError } from '../errors';
import { checkOptionKeys } from '../pipeline/check-option-keys';
import { openDataset, type DatasetScan, type StreamedDataset } from '../dataset/load-dataset';
import type { ResolvedEmbedders } from '../embeddings/resolve-embedders';
import { runEvaluation, type RunOutcome } from '../pipeline/run-evaluation';
import type { GenerateRequest, GenerateResponse, LanguageModel } from '../providers/provider';
import { ProviderCallError } from '../providers/provider-call-error';
import type { ProfileName } from '../scoring/types';
import { resolvePromptSettings } from '../pipeline/resolve-prompt-settings';
import type { PromptSettings } from '../pipeline/prompt-settings';
import type { RunPromptOptions } from '../pipeline/run-options';
import { openAIRequestBody, type OpenAIApi } from '../providers/openai-compatible/request-body';
import { exportManifestPath, readExportManifest, type BatchExportManifest } from './batch-export-manifest';
import { batchRequestKey, parseBatchCustomId } from './batch-custom-id';
import { batchRequests } from './batch-requests';
import { checkSameFiles, promptOptionsOf, type PromptFileLocations } from './exported-prompt';
import { readBatchResults, type ExpectedRequests } from './read-batch-results';
import type { BatchOutcomeStore } from './batch-outcome-store';
import { IdIndex } from '../util/id-index';
import type { RunReporter } from '../pipeline/run-event';

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
  /** Where the export's template file and few-shot source are now, if they moved (each must hold what was exported). */
  readonly promptFiles?: PromptFileLocations;
  /** Told everything the run answering from the results tells (RunEvent). */
  readonly reporter?: RunReporter;
}

// Record<keyof X, true>: the compiler fails when an option is added to the interface and not here
const INGEST_KEYS: Record<keyof IngestBatchOptions, true> = {
  results: true,
  errors: true,
  requests: true,
  data: true,
  out: true,
  profile: true,
  tags: true,
  resolveEmbedders: true,
  force: true,
  stripReasoning: true,
  promptFiles: true,
  reporter: true,
};
const PROMPT_FILE_KEYS: Record<keyof PromptFileLocations, true> = { templateFile: true, fewShotSource: true };

/**
 * Turns a finished batch into a normal run directory: the results are checked against the export (every id known,
 * none twice or missing, the same model), then `run` itself answers each row from them, so the manifest, response log,
 * items and summary are exactly a live run's; a failed request is an API error, counted and not scored.
 */
export async function ingestBatch(options: IngestBatchOptions): Promise<RunOutcome> {
  checkOptionKeys(options, INGEST_KEYS, 'ingestBatch options');
  checkOptionKeys(options.promptFiles, PROMPT_FILE_KEYS, 'ingestBatch options.promptFiles');
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
  // the export's settings resolved as run resolves them (run itself names a short few-shot task, once)
  const sidecar = exportManifestPath(options.requests);
  const promptOptions = promptOptionsOf(exported.prompt, options.promptFiles ?? {}, sidecar);
  const prompt = await resolvePromptSettings(promptOptions, () => dataset.rowsInOrder(), undefined);
  checkSameFiles(exported.prompt, prompt, sidecar);
  const files = [options.results, ...(options.errors === undefined ? [] : [options.errors])];
  const outcomes = await readBatchResults(files, {
    api: exported.api,
    model: exported.model,
    expected: await expectedRequests(dataset, { api: exported.api, model: exported.model, prompt }, exported.requests),
  });
  try {
    return await ingestOutcomes(options, exported, promptOptions, outcomes);
  } finally {
    outcomes.close();
  }
}

/**
 * The exported requests' custom_ids in an IdIndex (hashes, not strings); an answer is stored by its request key (the
 * custom_id without the repeat), which the model rebuilds from each request run asks.
 */
async function expectedRequests(
  dataset: StreamedDataset,
  settings: { readonly api: OpenAIApi; readonly model: string; readonly prompt: PromptSettings },
  count: number,
): Promise<ExpectedRequests> {
  const index = new IdIndex(count);
  for await (const request of batchRequests(dataset, settings)) index.set(request.customId, request.logprobs ? 1 : 0, 0);
  const repeated = settings.prompt.repeats !== undefined;
  return {
    size: index.size,
    lookup: (customId) => {
      const found = index.get(customId);
      const parsed = found === undefined ? undefined : parseBatchCustomId(customId, repeated);
      return found === undefined || parsed === undefined ? undefined : { key: parsed.key, logprobs: found[0] === 1 };
    },
    firstMissing: async (hasOutcome) => {
      for await (const request of batchRequests(dataset, settings)) if (!hasOutcome(request.key)) return request.customId;
      return undefined;
    },
  };
}

async function ingestOutcomes(
  options: IngestBatchOptions,
  exported: BatchExportManifest,
  prompt: RunPromptOptions,
  outcomes: BatchOutcomeStore,
): Promise<RunOutcome> {
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
    ...(options.reporter === undefined ? {} : { reporter: options.reporter }),
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
    // the body run would send is the exported one: its key finds the answer, whichever repeat asks
    const outcome = outcomes.get(batchRequestKey(id, openAIRequestBody(exported.api, exported.model, request)));
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
