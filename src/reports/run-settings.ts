/** The manifest sections that change a run's answers, in the order a comparison shows them. */
const SECTIONS = ['prompt', 'strip_reasoning', 'filters', 'provider', 'fingerprint', 'identity'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A run's answer-shaping settings from its raw manifest as [name, value] lines (`prompt.temperature`, `filters.limit`,
 * `provider.base_url`, `fingerprint.digest`, ...); a directory without a manifest (`shopeval score --out`) has none.
 */
export function runSettings(manifest: unknown): [string, string][] {
  if (!isRecord(manifest)) return [];
  const lines: [string, string][] = [];
  for (const section of SECTIONS) {
    const value = manifest[section];
    if (isRecord(value)) for (const [key, entry] of Object.entries(value)) lines.push([`${section}.${key}`, text(entry)]);
    else if (value !== undefined) lines.push([section, text(value)]);
  }
  return lines;
}
