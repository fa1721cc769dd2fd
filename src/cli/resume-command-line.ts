import { readRunManifest } from '../rundir/manifest-file';
import { shellWord } from '../util/shell-word';
import type { FlagSpec, FlagTable } from './flags/flag-spec';

/** Flags a resume must not repeat: the key (it comes from the environment) and --force (it would discard the answers). */
const NEVER_REPEATED = new Set(['api-key', 'force', 'out', 'base-url']);

function words(name: string, value: unknown, flag: FlagSpec): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => [`--${name}`, shellWord(String(item))]);
  const fallback = 'default' in flag ? flag.default : undefined;
  if (typeof value === 'boolean') return value === (fallback ?? false) ? [] : [value ? `--${name}` : `--no-${name}`];
  if (value === fallback) return [];
  return [`--${name}`, shellWord(String(value))];
}

/**
 * The complete command that carries on a stopped run: every flag given (or taken from the config file) that differs
 * from its default, --base-url (from the run's manifest when it came from the environment) and --out; never the API
 * key, never --force.
 */
export function resumeCommandLine(
  args: Readonly<Record<string, unknown>>,
  flags: FlagTable,
  embedding: Readonly<Record<string, unknown>>,
  out: string,
): string {
  const values: Readonly<Record<string, unknown>> = { ...embedding, ...args };
  const parts = ['shopeval', 'run'];
  for (const [name, flag] of Object.entries(flags)) if (!NEVER_REPEATED.has(name)) parts.push(...words(name, values[name], flag));
  const given = [values['base-url']].flat().filter((url): url is string => typeof url === 'string' && url !== '');
  // every replica of a pool is repeated; from the manifest, a pool's endpoints are space-separated
  const recorded = given.length > 0 ? undefined : recordedEndpoint(out);
  const urls = given.length > 0 ? given : typeof recorded === 'string' ? recorded.split(' ') : [];
  for (const url of urls) parts.push('--base-url', shellWord(url));
  parts.push('--out', shellWord(out));
  return parts.join(' ');
}

/** The endpoint the run's manifest recorded; a command line for the user is still printed when the manifest cannot be read. */
function recordedEndpoint(out: string): string | undefined {
  try {
    return readRunManifest(out)?.provider.endpoint;
  } catch {
    return undefined;
  }
}
