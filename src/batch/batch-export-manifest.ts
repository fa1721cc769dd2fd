import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors';
import type { DatasetFilter, DatasetOptions } from '../dataset/load-dataset';
import type { PromptSettings } from '../pipeline/prompt-settings';
import type { OpenAIApi } from '../providers/openai-compatible/request-body';
import { writeFileAtomically } from '../rundir/atomic-file';
import { stringifyJson } from '../util/json';

export const BATCH_EXPORT_FORMAT = 'shopeval-batch-export';

/**
 * The sidecar `batch export` writes next to the requests file (`<requests>.shopeval.json`): what ingest needs to rebuild
 * every request and score the answers as `run` would (data, filters, model, API, prompt settings), never a secret.
 */
export interface BatchExportManifest {
  readonly format: typeof BATCH_EXPORT_FORMAT;
  readonly schema_version: 1;
  readonly shopeval_version: string;
  readonly created_at: string;
  readonly model: string;
  readonly api: OpenAIApi;
  /** The `url` of every line. */
  readonly url: string;
  readonly requests: number;
  /** SHA-256 of the requests file's bytes. */
  readonly requests_sha256: string;
  readonly dataset: { readonly path: string; readonly sha256: string };
  readonly dataset_options: DatasetOptions;
  readonly filter: DatasetFilter;
  /** The run's prompt settings, as `run` resolves them: ingest rebuilds each body from them and the data. */
  readonly prompt: PromptSettings;
}

export function exportManifestPath(requestsFile: string): string {
  return `${requestsFile}.shopeval.json`;
}

export function writeExportManifest(requestsFile: string, manifest: BatchExportManifest): void {
  writeFileAtomically(exportManifestPath(requestsFile), stringifyJson(manifest, 2) + '\n');
}

/** Reads and checks the sidecar of a requests file; a missing or altered one is refused naming the file and field. */
export function readExportManifest(requestsFile: string): BatchExportManifest {
  const path = exportManifestPath(requestsFile);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`${path}: cannot read the export's manifest (${(cause as Error).message})`, {
      cause,
      hint: '`shopeval batch export --out FILE` writes FILE.shopeval.json next to the requests: keep them together and pass --requests FILE.',
    });
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const fail = (field: string, expected: string): never => {
    throw new ConfigError(
      `${path}: field ${field}: expected ${expected}, got ${JSON.stringify(record[field.split('.')[0] ?? field]) ?? 'nothing'}`,
      { hint: 'Export the requests again with `shopeval batch export`.' },
    );
  };
  if (record['format'] !== BATCH_EXPORT_FORMAT) fail('format', `"${BATCH_EXPORT_FORMAT}"`);
  if (record['schema_version'] !== 1) fail('schema_version', '1');
  if (typeof record['model'] !== 'string' || record['model'] === '') fail('model', 'the model name');
  if (record['api'] !== 'chat' && record['api'] !== 'completions') fail('api', '"chat" or "completions"');
  if (!Number.isSafeInteger(record['requests'])) fail('requests', 'a count');
  const dataset = record['dataset'] as Record<string, unknown> | undefined;
  if (typeof dataset?.['path'] !== 'string' || typeof dataset['sha256'] !== 'string') fail('dataset', '{ path, sha256 }');
  for (const field of ['dataset_options', 'filter', 'prompt'])
    if (typeof record[field] !== 'object' || record[field] === null) fail(field, 'an object');
  const prompt = record['prompt'] as Record<string, unknown>;
  if (typeof prompt['temperature'] !== 'number' || typeof prompt['maxTokens'] !== 'object') fail('prompt', "the run's prompt settings");
  return value as BatchExportManifest;
}
