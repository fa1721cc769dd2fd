import { CONFIG_SECTIONS } from './command-flags';
import type { FlagSpec, FlagTable } from './flag-spec';

type JsonSchema = Readonly<Record<string, unknown>>;

function propertySchema(flag: FlagSpec): JsonSchema {
  const describe = { description: flag.describe };
  switch (flag.type) {
    case 'string':
      return { type: 'string', ...describe };
    case 'choice':
      return { enum: [...flag.choices], ...describe };
    case 'list':
      // one value may be written as is, as on the command line (`"base-url": "http://..."` stays valid)
      return { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], ...describe };
    case 'boolean':
      return { type: 'boolean', ...describe };
    case 'integer':
    case 'number':
      return {
        type: flag.type,
        ...(flag.min === undefined ? {} : { minimum: flag.min }),
        ...(flag.max === undefined ? {} : { maximum: flag.max }),
        ...describe,
      };
  }
}

function sectionSchema(flags: FlagTable, description: string): JsonSchema {
  const configurable = Object.entries(flags).filter(([, flag]) => flag.configurable !== false);
  return {
    type: 'object',
    description,
    additionalProperties: false,
    properties: Object.fromEntries(configurable.map(([name, flag]) => [name, propertySchema(flag)])),
  };
}

/** The JSON Schema of shopeval.config.json, produced from the flag tables (src/schemas/config.schema.json is this, checked by a test). */
export function buildConfigSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://shopeval.dev/schemas/config.schema.json',
    title: 'shopeval config file',
    description:
      'shopeval.config.json: default flag values per command (names as on the command line). Flags given on the command line win. ' +
      'Relative paths are relative to this file. API keys are never read from here: use the environment. ' +
      'Generated from the flag tables in src/cli/flags/.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      ...Object.fromEntries(
        Object.entries(CONFIG_SECTIONS).map(([name, section]) => [name, sectionSchema(section.flags, section.describe)]),
      ),
    },
  };
}
