import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConfigSchema } from '../../src/cli/flags/config-schema';
import { COMMAND_NAMES, COMMAND_SECTIONS, CONFIG_SECTIONS, commandFlags } from '../../src/cli/flags/command-flags';
import { FLAG_DOCS_END, FLAG_DOCS_START, renderFlagDocs } from '../../src/cli/flags/flag-docs';
import { readFlags } from '../../src/cli/flags/read-flags';
import { RUN_FLAGS } from '../../src/cli/flags/run-flags';
import { ConfigError } from '../../src/errors';

const ROOT = join(__dirname, '..', '..');
const REGENERATE = 'Run `npm run generate:flags` after changing a flag table.';

describe('the flag tables produce the config schema and the README flag list', () => {
  it('src/schemas/config.schema.json is the schema the tables produce', () => {
    const file = JSON.parse(readFileSync(join(ROOT, 'src', 'schemas', 'config.schema.json'), 'utf8')) as unknown;
    expect({ schema: file, fix: REGENERATE }).toEqual({ schema: buildConfigSchema(), fix: REGENERATE });
  });

  it("the README's flag list is the one the tables produce", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf(FLAG_DOCS_START);
    const end = readme.indexOf(FLAG_DOCS_END) + FLAG_DOCS_END.length;
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start, end)).toBe(renderFlagDocs());
  });

  it('every flag is described, and no command gets one flag from two sections', () => {
    for (const { flags } of Object.values(CONFIG_SECTIONS)) {
      for (const [name, flag] of Object.entries(flags))
        expect({ name, described: flag.describe.length > 10 }).toEqual({ name, described: true });
    }
    for (const command of COMMAND_NAMES) {
      const names = COMMAND_SECTIONS[command].flatMap((section) => Object.keys(CONFIG_SECTIONS[section].flags));
      expect(new Set(names).size).toBe(names.length);
      expect(Object.keys(commandFlags(command)).sort()).toEqual([...names].sort());
    }
  });

  it('the config schema leaves out flags that must not come from a file (API key, --force)', () => {
    const run = (buildConfigSchema()['properties'] as Record<string, { properties: Record<string, unknown> }>)['run'];
    expect(Object.keys(run?.properties ?? {})).not.toContain('api-key');
    expect(Object.keys(run?.properties ?? {})).not.toContain('force');
    expect(Object.keys(run?.properties ?? {})).toContain('concurrency');
  });
});

describe('readFlags', () => {
  const base = {
    data: 'd.jsonl',
    provider: 'builtin',
    profile: 'kddcup2024',
    temperature: 0,
    concurrency: 8,
    timeout: 1,
    'max-attempts': 1,
    cache: true,
    'cache-only': false,
    'max-error-rate': 0,
    force: false,
  };

  it('types the values: numbers from the text typed, lists as strings, defaults kept', () => {
    const values = readFlags(RUN_FLAGS, { ...base, limit: '5', timeout: 500, tag: ['a=1', 2], seed: '-3' });
    expect(values).toMatchObject({ limit: 5, timeout: 500, tag: ['a=1', '2'], seed: -3, provider: 'builtin' });
    expect(values.model).toBeUndefined();
  });

  it.each([
    [{ limit: 'abc' }, '--limit abc: expected a positive integer'],
    [{ limit: '0' }, '--limit 0: expected a positive integer'],
    [{ limit: '' }, '--limit (no value): expected a positive integer'],
    [{ 'max-error-rate': '5%' }, '--max-error-rate 5%: expected a number from 0 to 1'],
    [{ seed: '1.5' }, '--seed 1.5: expected an integer'],
    [{ temperature: 'hot' }, '--temperature hot: expected a finite number >= 0'],
    [{ provider: 'olama' }, '--provider olama: expected one of openai-compatible, ollama, replay, builtin; did you mean ollama?'],
  ])('refuses %j naming the flag and the text typed', (flags, message) => {
    expect(() => readFlags(RUN_FLAGS, { ...base, ...flags })).toThrow(ConfigError);
    expect(() => readFlags(RUN_FLAGS, { ...base, ...flags })).toThrow(message);
  });
});
