import type { RunTiming } from '../budget/run-timing';
import { runSettings } from './run-settings';

/** What reports read from a run's `manifest.json`; every field is optional because score directories have none. */
export interface RunManifestInfo {
  readonly model?: string;
  readonly provider?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly profile?: string;
  readonly datasetPath?: string;
  readonly datasetSha256?: string;
  readonly shopevalVersion?: string;
  /** Answer-shaping settings as [name, value] lines (prompt, filters, provider, fingerprint), for comparisons. */
  readonly settings?: readonly (readonly [string, string])[];
  /** Latency and token figures (runs written by shopeval run since competition mode). */
  readonly timing?: RunTiming;
  /** ended_at - started_at, when both are there. */
  readonly durationSeconds?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(source: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/** Tags as `{key: value}`, also accepting `["key=value", ...]` and `[{key, value}]` spellings. */
function readTags(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const entry of value) {
      if (typeof entry === 'string' && entry.includes('=')) {
        const at = entry.indexOf('=');
        tags[entry.slice(0, at)] = entry.slice(at + 1);
      } else if (isRecord(entry) && typeof entry['key'] === 'string') {
        tags[entry['key']] = String(entry['value'] ?? '');
      }
    }
  } else if (isRecord(value)) {
    for (const [key, tagValue] of Object.entries(value)) {
      if (tagValue !== null && tagValue !== undefined) tags[key] = String(tagValue);
    }
  }
  return tags;
}

/** Reads the fields reports use, tolerating missing or oddly shaped ones (manifests evolve faster than reports). */
export function readManifestInfo(raw: unknown): RunManifestInfo {
  if (!isRecord(raw)) return { tags: {} };
  const model = isRecord(raw['model']) ? stringField(raw['model'], 'name', 'id') : stringField(raw, 'model');
  const provider = isRecord(raw['provider'])
    ? stringField(raw['provider'], 'name', 'kind', 'type')
    : stringField(raw, 'provider');
  const dataset = isRecord(raw['dataset']) ? raw['dataset'] : {};
  const profile = isRecord(raw['profile']) ? stringField(raw['profile'], 'name') : stringField(raw, 'profile');
  const settings = runSettings(raw);
  const info: Record<string, unknown> = {
    model,
    provider,
    tags: readTags(raw['tags']),
    startedAt: stringField(raw, 'started_at', 'startedAt'),
    endedAt: stringField(raw, 'ended_at', 'endedAt'),
    profile,
    datasetPath: stringField(dataset, 'path'),
    datasetSha256: stringField(dataset, 'sha256'),
    shopevalVersion: stringField(raw, 'shopeval_version', 'shopevalVersion', 'version'),
    settings: settings.length > 0 ? settings : undefined,
    timing: readTiming(raw['timing']),
    durationSeconds: duration(stringField(raw, 'started_at', 'startedAt'), stringField(raw, 'ended_at', 'endedAt')),
  };
  for (const key of Object.keys(info)) if (info[key] === undefined) delete info[key];
  return info as unknown as RunManifestInfo;
}

/** The manifest's timing section when it has the shape run-timing.ts writes (overall, tracks and tasks objects). */
function readTiming(value: unknown): RunTiming | undefined {
  if (!isRecord(value) || !isRecord(value['overall']) || !isRecord(value['tracks']) || !isRecord(value['tasks'])) return undefined;
  return value as unknown as RunTiming;
}

function duration(started: string | undefined, ended: string | undefined): number | undefined {
  if (started === undefined || ended === undefined) return undefined;
  const seconds = (Date.parse(ended) - Date.parse(started)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
