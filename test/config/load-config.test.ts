import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import configSchema from '../../src/schemas/config.schema.json';
import { configDefaults } from '../../src/config/load-config';
import { ConfigError } from '../../src/errors';
import { runCliInProcess } from '../helpers/cli';

function configDir(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'shopeval-config-'));
  writeFileSync(join(dir, 'shopeval.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('configDefaults', () => {
  it('gives each command its section plus the embedding settings, paths relative to the file', () => {
    const dir = configDir({
      run: { provider: 'builtin', data: 'data/dev.jsonl', concurrency: 16, tag: ['lora_rank=16'] },
      score: { profile: 'shoppingmmlu' },
      embeddings: {
        'sent-transformer-model': './models/l6',
        'embedding-backend': 'local',
        'multilingual-sent-transformer-model': 'org/name',
      },
    });
    expect(configDefaults('run', undefined, dir)).toEqual({
      provider: 'builtin',
      data: join(dir, 'data', 'dev.jsonl'),
      concurrency: 16,
      tag: ['lora_rank=16'],
      'sent-transformer-model': join(dir, 'models', 'l6'),
      'embedding-backend': 'local',
      'multilingual-sent-transformer-model': 'org/name',
    });
    expect(configDefaults('score', undefined, dir)).toMatchObject({ profile: 'shoppingmmlu' });
    expect(configDefaults('report', undefined, dir)).toEqual({});
  });

  it('reads nothing when there is no file and --config is not given', () => {
    expect(configDefaults('run', undefined, mkdtempSync(join(tmpdir(), 'shopeval-empty-')))).toEqual({});
  });

  it.each([
    [{ run: { concurency: 4 } }, 'config.run: "concurency" is not a setting there; did you mean concurrency?'],
    [
      { run: { 'embedding-backend': 'none' } },
      'config.run: "embedding-backend" is not a setting there; it belongs in the "embeddings" section',
    ],
    [{ run: { limit: 0 } }, 'config.run.limit must be at least 1, got 0'],
    [{ run: { concurrency: '4' } }, 'config.run.concurrency must be an integer, got "4"'],
    [{ run: { 'api-key': 'sk-x' } }, 'config.run: "api-key" is not a setting there'],
    [{ runs: {} }, 'config: "runs" is not a setting there'],
    ['{"run": ', 'not valid JSON'],
  ])('rejects %j naming the file and field', (config, message) => {
    const dir = configDir(config);
    expect(() => configDefaults('run', undefined, dir)).toThrow(ConfigError);
    expect(() => configDefaults('run', undefined, dir)).toThrow(`shopeval.config.json: ${message}`);
  });

  it('names a missing --config file', () => {
    expect(() => configDefaults('run', 'nope.json', tmpdir())).toThrow(/cannot read the config file nope.json/);
  });
});

describe('the config schema', () => {
  // every setting the schema documents must be a real flag of the commands it applies to
  const sections: Record<string, readonly string[]> = {
    run: ['run'],
    score: ['score'],
    report: ['report'],
    compare: ['compare'],
    leaderboard: ['leaderboard'],
    embeddings: ['run', 'score', 'embed'],
  };
  // in-process: the help text is the same as a spawned CLI's, without six Node start-ups
  const help = new Map<string, Promise<string>>();
  const helpOf = (command: string): Promise<string> => {
    const text = help.get(command) ?? runCliInProcess([command, '--help']).then((result) => result.stdout);
    help.set(command, text);
    return text;
  };
  // the whole flag as help prints it: `--cache` must not be found inside `--cache-only`
  const namesFlag = (text: string, name: string): boolean => text.split(/\s+/).includes(`--${name}`);
  it.each(Object.entries(sections))('section %s names flags of %j', async (section, commands) => {
    const properties = Object.keys((configSchema.properties as Record<string, { properties?: object }>)[section]?.properties ?? {});
    expect(properties.length).toBeGreaterThan(0);
    for (const command of commands) {
      const text = await helpOf(command);
      expect(text).toMatch(new RegExp(`^shopeval ${command}\\b`, 'm'));
      expect(properties.filter((name) => !namesFlag(text, name))).toEqual([]);
    }
  });

  it('finds a flag only as a whole word of the help text', () => {
    expect(namesFlag('  --cache-only  Answer from the cache', 'cache')).toBe(false);
    expect(namesFlag('  --cache  Use the cache\n  --cache-only', 'cache')).toBe(true);
  });
});
