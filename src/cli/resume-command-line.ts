import type { Options } from 'yargs';
import { readRunManifest } from '../pipeline/run-manifest';
import { shellWord } from '../util/shell-word';

/** Flags a resume must not repeat: the key (it comes from the environment) and --force (it would discard the answers). */
const NEVER_REPEATED = new Set(['api-key', 'force', 'out', 'base-url']);

function words(name: string, value: unknown, option: Options): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => [`--${name}`, shellWord(String(item))]);
  if (typeof value === 'boolean') return value === (option.default ?? false) ? [] : [value ? `--${name}` : `--no-${name}`];
  if (value === option.default) return [];
  return [`--${name}`, shellWord(String(value))];
}

/**
 * The complete command that carries on a stopped run: every flag given (or taken from the config file) that differs
 * from its default, --base-url (from the run's manifest when it came from the environment) and --out; never the API
 * key, never --force.
 */
export async function resumeCommandLine(args: Readonly<Record<string, unknown>>, options: Readonly<Record<string, Options>>, out: string): Promise<string> {
  const parts = ['shopeval', 'run'];
  for (const [name, option] of Object.entries(options)) if (!NEVER_REPEATED.has(name)) parts.push(...words(name, args[name], option));
  const given = args['base-url'];
  const baseUrl = typeof given === 'string' && given !== '' ? given : (await readRunManifest(out).catch(() => undefined))?.provider?.endpoint;
  if (typeof baseUrl === 'string') parts.push('--base-url', shellWord(baseUrl));
  const config = args['config'];
  if (typeof config === 'string') parts.push('--config', shellWord(config));
  parts.push('--out', shellWord(out));
  return parts.join(' ');
}
