import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import configSchema from '../schemas/config.schema.json';
import { describeAjvErrors } from '../dataset/validate-row';
import { ConfigError } from '../errors';

/** The file read when --config is not given, if it exists in the working directory. */
export const DEFAULT_CONFIG_FILE = 'shopeval.config.json';

type ConfigValue = string | number | boolean | readonly string[];
type Section = Readonly<Record<string, ConfigValue>>;

/** The user config: default flag values per command, as documented by src/schemas/config.schema.json. */
export interface UserConfig {
  readonly run?: Section;
  readonly score?: Section;
  readonly report?: Section;
  readonly compare?: Section;
  readonly leaderboard?: Section;
  readonly embeddings?: Section;
}

/** Which sections give defaults to which command. */
const SECTIONS_BY_COMMAND: Readonly<Record<string, readonly (keyof UserConfig)[]>> = {
  run: ['embeddings', 'run'],
  score: ['embeddings', 'score'],
  embed: ['embeddings'],
  report: ['report'],
  compare: ['compare'],
  leaderboard: ['leaderboard'],
};

/** Options holding file paths: a relative one in the config is relative to the config file, not the working directory. */
const PATH_OPTIONS = new Set(['data', 'track-map', 'predictions', 'out', 'cache-dir', 'output', 'embedding-model-dir', 'model-cache-dir', 'embedding-cache-dir']);
/** Options that may be a path or a name: resolved only when written as an explicit relative path. */
const PATH_OR_NAME_OPTIONS = new Set(['sent-transformer-model', 'multilingual-sent-transformer-model']);

/**
 * The flag defaults a config file gives `command`: from --config FILE, else ./shopeval.config.json if present.
 * Validated as a whole first, so a typo anywhere is an error naming the file and the field.
 */
export function configDefaults(command: string | undefined, explicitPath: string | undefined, cwd = process.cwd()): Record<string, ConfigValue> {
  const path = explicitPath ?? (existsSync(resolve(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  if (path === undefined) return {};
  const absolute = resolve(cwd, path);
  const config = readConfig(absolute, path);
  const defaults: Record<string, ConfigValue> = {};
  for (const section of SECTIONS_BY_COMMAND[command ?? ''] ?? []) {
    for (const [option, value] of Object.entries(config[section] ?? {})) defaults[option] = resolvePath(option, value, dirname(absolute));
  }
  return defaults;
}

function readConfig(absolute: string, shown: string): UserConfig {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read the config file ${shown}: ${(cause as Error).message}`, { cause, hint: 'Check --config.' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${shown}: not valid JSON (${(cause as Error).message})`, { cause });
  }
  const validate = new Ajv({ allErrors: true, strict: false }).compile<UserConfig>(configSchema);
  if (!validate(value)) {
    const errors = validate.errors ?? [];
    const unknown = errors.find((error) => error.keyword === 'additionalProperties');
    const detail =
      unknown !== undefined
        ? `config${unknown.instancePath.replace(/\//g, '.')}: "${String(unknown.params['additionalProperty'])}" is not a setting there`
        : `config.${describeAjvErrors(errors, value)}`;
    throw new ConfigError(`${shown}: ${detail}`, {
      hint: 'Settings are the command-line flag names of each command (see src/schemas/config.schema.json); API keys belong in the environment.',
    });
  }
  return value;
}

function resolvePath(option: string, value: ConfigValue, base: string): ConfigValue {
  if (typeof value !== 'string' || isAbsolute(value) || value === '-') return value;
  if (PATH_OPTIONS.has(option)) return resolve(base, value);
  if (PATH_OR_NAME_OPTIONS.has(option) && /^\.\.?[\\/]/.test(value)) return resolve(base, value);
  return value;
}
