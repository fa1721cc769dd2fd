import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type OpenAI from 'openai';
import { ConfigError, ProviderError } from '../errors';
import { fileSha256 } from '../rundir/publish-results';
import { classifyOpenAIError } from '../providers/openai-compatible/classify-openai-error';
import { registerSecret, registerUrlSecrets } from '../providers/redact-secrets';
import { loadOpenAI } from '../util/load-clients';
import { atomicDownload } from './atomic-download';
import { readExportManifest } from './batch-export-manifest';

export interface HostedBatchSettings {
  /** @default $OPENAI_BASE_URL, else the OpenAI API */
  readonly baseURL?: string;
  /** @default $OPENAI_API_KEY */
  readonly apiKey?: string;
  readonly environment?: NodeJS.ProcessEnv;
  /** Injectable for tests and proxies. */
  readonly fetch?: typeof fetch;
}

/** What `batch status` says of a batch, never a secret. */
export interface HostedBatchState {
  readonly id: string;
  readonly status: string;
  readonly counts: { readonly total: number; readonly completed: number; readonly failed: number };
  readonly outputFileId: string | null;
  readonly errorFileId: string | null;
  /** The files written by a download: the output and, when the batch has one, the error file. */
  readonly downloaded?: { readonly results: string; readonly errors?: string };
}

/** The statuses after which a batch changes no more. */
export const FINISHED_BATCH_STATUSES: readonly string[] = ['completed', 'failed', 'expired', 'cancelled'];

/** The real `openai` client for the files and batches APIs; a missing key names both the flag and the variable. */
function batchClient(settings: HostedBatchSettings): { client: OpenAI; secrets: string[] } {
  const environment = settings.environment ?? process.env;
  const apiKey = settings.apiKey ?? (environment['OPENAI_API_KEY'] || undefined);
  const baseURL = settings.baseURL ?? (environment['OPENAI_BASE_URL'] || undefined);
  if (apiKey === undefined && baseURL === undefined) {
    throw new ConfigError('the OpenAI Batch API needs an API key', {
      hint: 'Set OPENAI_API_KEY (or pass --api-key), or --base-url for a batch server that needs none.',
    });
  }
  registerSecret(apiKey);
  if (baseURL !== undefined) registerUrlSecrets(baseURL);
  const client = new (loadOpenAI().OpenAI)({
    apiKey: apiKey ?? 'shopeval-no-key',
    maxRetries: 0, // a failed call is reported with what to do; the user runs the command again
    ...(baseURL === undefined ? {} : { baseURL }),
    ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
  });
  return { client, secrets: apiKey === undefined ? [] : [apiKey] };
}

async function call<T>(what: string, secrets: readonly string[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const failure = classifyOpenAIError(error, secrets);
    throw new ProviderError(`${what}: ${failure.describe()}`, {
      isRetryable: failure.isRetryable,
      cause: failure,
      ...(failure.status === undefined ? {} : { status: failure.status }),
      hint: failure.isRetryable ? 'Run the same command again in a moment.' : 'Check the key, --base-url and the requests file.',
    });
  }
}

/** Uploads an exported requests file (purpose "batch") and starts a batch over it; returns its id and status. */
export async function submitBatch(
  requests: string,
  settings: HostedBatchSettings & { readonly completionWindow?: '24h' },
): Promise<HostedBatchState> {
  const exported = readExportManifest(requests);
  if (fileSha256(requests) !== exported.requests_sha256) {
    throw new ConfigError(`${requests} changed since it was exported (its SHA-256 is not the one in ${basename(requests)}.shopeval.json)`, {
      hint: 'Export the requests again with `shopeval batch export`.',
    });
  }
  const { client, secrets } = batchClient(settings);
  const file = await call('uploading the requests file', secrets, () =>
    client.files.create({ file: createReadStream(requests), purpose: 'batch' }),
  );
  const batch = await call('creating the batch', secrets, () =>
    client.batches.create({
      input_file_id: file.id,
      endpoint: exported.url as OpenAI.BatchCreateParams['endpoint'],
      completion_window: settings.completionWindow ?? '24h',
      metadata: { shopeval_requests_sha256: exported.requests_sha256.slice(0, 64), shopeval_model: exported.model.slice(0, 512) },
    }),
  );
  return stateOf(batch);
}

/** Asks how a batch is doing; once it has finished and `download` names a directory, saves its output and error files there. */
export async function batchStatus(id: string, settings: HostedBatchSettings & { readonly download?: string }): Promise<HostedBatchState> {
  const { client, secrets } = batchClient(settings);
  const state = stateOf(await call(`asking for batch ${id}`, secrets, () => client.batches.retrieve(id)));
  const directory = settings.download;
  if (directory === undefined || !FINISHED_BATCH_STATUSES.includes(state.status)) return state;
  const save = async (fileId: string, name: string): Promise<string> => {
    const response = await call(`downloading file ${fileId}`, secrets, () => client.files.content(fileId));
    return atomicDownload(directory, name, response);
  };
  // every request failed: the batch has no output file, and the results file is empty
  const results =
    state.outputFileId === null
      ? await atomicDownload(directory, 'results.jsonl', new Response(''))
      : await save(state.outputFileId, 'results.jsonl');
  const errors = state.errorFileId === null ? undefined : await save(state.errorFileId, 'errors.jsonl');
  return { ...state, downloaded: { results, ...(errors === undefined ? {} : { errors }) } };
}

function stateOf(batch: OpenAI.Batch): HostedBatchState {
  const counts = batch.request_counts;
  return {
    id: batch.id,
    status: batch.status,
    counts: { total: counts?.total ?? 0, completed: counts?.completed ?? 0, failed: counts?.failed ?? 0 },
    outputFileId: batch.output_file_id ?? null,
    errorFileId: batch.error_file_id ?? null,
  };
}
