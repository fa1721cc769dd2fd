import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { buildConfigSchema } from '../cli/flags/config-schema';
import { COMMAND_SECTIONS, CONFIG_SECTIONS, isCommandName, type ConfigSection } from '../cli/flags/command-flags';
import type { FlagSpec } from '../cli/flags/flag-spec';
import { didYouMean } from '../util/suggest';
import { describeAjvErrors } from '../dataset/validate-row';
import { ConfigError } from '../errors';
import { loadAjv } from '../util/load-ajv';

/** The file read when --config is not given, if it exists in the working directory. */
export const DEFAULT_CONFIG_FILE = 'shopeval.config.json';

type ConfigValue = string | number | boolean | readonly string[];
type Section = Readonly<Record<string, ConfigValue>>;

/** The user config: default flag values per section, as documented by src/schemas/config.schema.json. */
export type UserConfig = { readonly [K in ConfigSection]?: Section };

/**
 * The flag defaults a config file gives `command`: from --config FILE, else ./shopeval.config.json if present.
 * Validated as a whole first, so a typo anywhere is an error naming the file and the field.
 */
export function configDefaults(
  command: string | undefined,
  explicitPath: string | undefined,
  cwd = process.cwd(),
): Record<string, ConfigValue> {
  const path = explicitPath ?? (existsSync(resolve(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  if (path === undefined) return {};
  const absolute = resolve(cwd, path);
  const config = readConfig(absolute, path);
  const defaults: Record<string, ConfigValue> = {};
  const sections: readonly ConfigSection[] = command !== undefined && isCommandName(command) ? COMMAND_SECTIONS[command] : [];
  for (const section of sections) {
    const flags: Readonly<Record<string, FlagSpec>> = CONFIG_SECTIONS[section].flags;
    for (const [option, value] of Object.entries(config[section] ?? {}))
      defaults[option] = resolvePath(flags[option], value, dirname(absolute));
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
  const Ajv = loadAjv();
  const validate = new Ajv({ allErrors: true, strict: false }).compile<UserConfig>(buildConfigSchema());
  if (!validate(value)) {
    const errors = validate.errors ?? [];
    const unknown = errors.find((error) => error.keyword === 'additionalProperties');
    const detail =
      unknown !== undefined
        ? unknownSetting(unknown.instancePath, String(unknown.params['additionalProperty']))
        : `config.${describeAjvErrors(errors, value)}`;
    throw new ConfigError(`${shown}: ${detail}`, {
      hint: 'Settings are the command-line flag names of each command (see src/schemas/config.schema.json); API keys belong in the environment.',
    });
  }
  return value;
}

/** `config.run: "concurency" is not a setting there; did you mean concurrency?` */
function unknownSetting(instancePath: string, name: string): string {
  const section = instancePath.replace(/^\//, '');
  const known = section === '' ? Object.keys(CONFIG_SECTIONS) : Object.keys(CONFIG_SECTIONS[section as ConfigSection]?.flags ?? {});
  const home = Object.entries(CONFIG_SECTIONS).find(([, other]) => name in other.flags)?.[0];
  const fix = section !== '' && home !== undefined && home !== section ? `; it belongs in the "${home}" section` : didYouMean(name, known);
  return `config${instancePath.replace(/\//g, '.')}: "${name}" is not a setting there${fix}`;
}

/** A relative path in the config file is relative to the file; the flag table says which flags hold paths. */
function resolvePath(flag: FlagSpec | undefined, value: ConfigValue, base: string): ConfigValue {
  if (typeof value !== 'string' || isAbsolute(value) || value === '-' || flag?.type !== 'string') return value;
  if (flag.path === 'path') return resolve(base, value);
  if (flag.path === 'path-or-name' && /^\.\.?[\\/]/.test(value)) return resolve(base, value);
  return value;
}
