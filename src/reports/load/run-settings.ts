import type { StoredRunManifest } from '../../rundir/manifest-file';

/** The manifest sections that change a run's answers, in the order a comparison shows them. */
const SECTIONS = ['prompt', 'strip_reasoning', 'filters', 'provider', 'fingerprint', 'identity'] as const;

/** What a comparison reads of a manifest: the answer-shaping sections (`fingerprint` only in runs from before identities). */
export type ManifestSettings = Partial<Pick<StoredRunManifest, 'prompt' | 'strip_reasoning' | 'filters' | 'provider' | 'identity'>> & {
  readonly fingerprint?: unknown;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A run's answer-shaping settings from its manifest as [name, value] lines (`prompt.temperature`, `filters.limit`,
 * `provider.endpoint`, ...); a directory without a manifest (`shopeval score --out`) has none.
 */
export function runSettings(manifest: ManifestSettings): [string, string][] {
  const lines: [string, string][] = [];
  for (const section of SECTIONS) {
    const value: unknown = manifest[section];
    if (isRecord(value)) for (const [key, entry] of Object.entries(value)) lines.push([`${section}.${key}`, text(entry)]);
    else if (value !== undefined) lines.push([section, text(value)]);
  }
  return lines;
}
