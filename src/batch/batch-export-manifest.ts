import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors';
import type { DatasetFilter, DatasetOptions } from '../dataset/load-dataset';
import type { OpenAIApi } from '../providers/openai-compatible/request-body';
import { writeFileAtomically } from '../rundir/atomic-file';
import { stringifyJson } from '../util/json';
import type { ExportedPrompt } from './exported-prompt';

export const BATCH_EXPORT_FORMAT = 'shopeval-batch-export';
/** 2 added the template, few-shot settings and repeats; a version 1 sidecar (none of them) is still read. */
export const BATCH_EXPORT_SCHEMA_VERSION = 2;

/**
 * The sidecar `batch export` writes next to the requests file (`<requests>.shopeval.json`): what ingest needs to rebuild
 * every request and score the answers as `run` would (data, filters, model, API, prompt settings), never a secret.
 */
export interface BatchExportManifest {
  readonly format: typeof BATCH_EXPORT_FORMAT;
  readonly schema_version: 1 | typeof BATCH_EXPORT_SCHEMA_VERSION;
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
  /**
   * The run's prompt settings, as `run` resolves them (template text, few-shot source hash, k, seed, as-turns, repeats):
   * ingest rebuilds each body from them and the data.
   */
  readonly prompt: ExportedPrompt;
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
    throw new ConfigError(`${path}: field ${field}: expected ${expected}, got ${JSON.stringify(valueAt(record, field)) ?? 'nothing'}`, {
      hint: 'Export the requests again with `shopeval batch export`.',
    });
  };
  if (record['format'] !== BATCH_EXPORT_FORMAT) fail('format', `"${BATCH_EXPORT_FORMAT}"`);
  if (record['schema_version'] !== 1 && record['schema_version'] !== BATCH_EXPORT_SCHEMA_VERSION)
    fail('schema_version', `1 or ${BATCH_EXPORT_SCHEMA_VERSION}`);
  if (typeof record['model'] !== 'string' || record['model'] === '') fail('model', 'the model name');
  if (record['api'] !== 'chat' && record['api'] !== 'completions') fail('api', '"chat" or "completions"');
  if (!Number.isSafeInteger(record['requests'])) fail('requests', 'a count');
  const dataset = record['dataset'] as Record<string, unknown> | undefined;
  if (typeof dataset?.['path'] !== 'string' || typeof dataset['sha256'] !== 'string') fail('dataset', '{ path, sha256 }');
  for (const field of ['dataset_options', 'filter', 'prompt'])
    if (typeof record[field] !== 'object' || record[field] === null) fail(field, 'an object');
  const prompt = record['prompt'] as Record<string, unknown>;
  if (typeof prompt['temperature'] !== 'number' || typeof prompt['maxTokens'] !== 'object') fail('prompt', "the run's prompt settings");
  checkPromptFiles(prompt, fail);
  return value as BatchExportManifest;
}

/** The value at a dotted field path (`prompt.template`). */
function valueAt(record: Record<string, unknown>, field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>(
      (value, name) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined),
      record,
    );
}

/** The template, few-shot and repeats fields, when present, each of its type (fields are named `prompt.template.text`). */
function checkPromptFiles(prompt: Record<string, unknown>, fail: (field: string, expected: string) => never): void {
  const object = (value: unknown): Record<string, unknown> | undefined =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  if (prompt['template'] !== undefined) {
    const template = object(prompt['template']);
    if (
      typeof template?.['source'] !== 'string' ||
      typeof template['text'] !== 'string' ||
      !['text', 'chat'].includes(String(template['kind']))
    )
      fail('prompt.template', '{ source, kind: "text" or "chat", text }');
  }
  if (prompt['fewShot'] !== undefined) {
    const fewShot = object(prompt['fewShot']);
    if (
      typeof fewShot?.['source'] !== 'string' ||
      typeof fewShot['sha256'] !== 'string' ||
      !Number.isSafeInteger(fewShot['k']) ||
      !Number.isSafeInteger(fewShot['seed']) ||
      typeof fewShot['asTurns'] !== 'boolean'
    )
      fail('prompt.fewShot', '{ source, sha256, k, seed, asTurns }');
  }
  const repeats = prompt['repeats'];
  if (repeats !== undefined && (!Number.isSafeInteger(repeats) || (repeats as number) < 2))
    fail('prompt.repeats', 'an integer of 2 or more');
}
