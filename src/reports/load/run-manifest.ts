import type { StoredRunManifest } from '../../rundir/manifest-file';
import type { ReplicaFigures } from '../../providers/pool/replica-figures';
import type { RunTiming } from '../../budget/run-timing';
import { runSettings } from './run-settings';

/** What reports show of a run's `manifest.json`; a `shopeval score --out` directory has none, so only tags are always there. */
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
  /** A replica pool's figures per replica. */
  readonly replicas?: readonly ReplicaFigures[];
  /** Latency and token figures (runs written by shopeval run since competition mode). */
  readonly timing?: RunTiming;
  /** ended_at - started_at, when both are there. */
  readonly durationSeconds?: number;
}

/** The report's view of a manifest read by rundir/manifest-file.ts (validated there: every field it reads is required). */
export function readManifestInfo(manifest: StoredRunManifest | undefined): RunManifestInfo {
  if (manifest === undefined) return { tags: {} };
  const settings = runSettings(manifest);
  return {
    ...nonEmpty('model', manifest.model),
    ...nonEmpty('provider', manifest.provider.name),
    tags: manifest.tags,
    ...nonEmpty('startedAt', manifest.started_at),
    ...nonEmpty('endedAt', manifest.ended_at),
    ...nonEmpty('profile', manifest.profile),
    ...nonEmpty('datasetPath', manifest.dataset.path),
    ...nonEmpty('datasetSha256', manifest.dataset.sha256),
    ...nonEmpty('shopevalVersion', manifest.shopeval_version),
    ...(settings.length > 0 ? { settings } : {}),
    ...(manifest.replicas === undefined ? {} : { replicas: manifest.replicas }),
    ...(manifest.timing === undefined ? {} : { timing: manifest.timing }),
    ...durationField(manifest.started_at, manifest.ended_at),
  };
}

/** A field reports show only when it says something (an empty string or a null is left out). */
function nonEmpty<Key extends string>(key: Key, value: string | null): { readonly [K in Key]?: string } {
  return value === null || value === '' ? {} : ({ [key]: value } as { readonly [K in Key]: string });
}

/** ended_at - started_at in seconds, when the run has ended and both dates parse. */
function durationField(started: string, ended: string | null): { readonly durationSeconds?: number } {
  if (ended === null) return {};
  const seconds = (Date.parse(ended) - Date.parse(started)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? { durationSeconds: seconds } : {};
}
