import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderFlagDocs } from '../../../src/cli/flags/flag-docs';
import { PROVIDER_FLAGS, RUN_FLAGS } from '../../../src/cli/flags/run-flags';
import { providerFlagTable } from '../../../src/providers/provider-flag-table';
import {
  ConfigError,
  createProvider,
  PROVIDERS,
  type AnyProviderDefinition,
  runEvaluation,
  type RunProviderOptions,
} from '../../../src/index';
import { DEV_SET, REPO_ROOT } from '../../helpers/cli';
import { CONSTANT } from './constant-provider';

// the one registry line a new provider needs, here in a test-only list
const WITH_CONSTANT = [...PROVIDERS, CONSTANT] as const;

const temporaryRun = (): string => join(mkdtempSync(join(tmpdir(), 'shopeval-registry-')), 'run');

describe('a provider defined in one file and registered with one line', () => {
  it('answers a whole run, which is scored and recorded under its name', async () => {
    const outcome = await runEvaluation({
      data: DEV_SET,
      out: temporaryRun(),
      providers: WITH_CONSTANT,
      provider: { provider: 'constant', environment: { SHOPEVAL_CONSTANT_ANSWER: '0' } },
      filter: { limit: 1 },
    });
    expect(outcome.manifest.provider).toMatchObject({ provider: 'constant', model: 'same-answer', answer: '0' });
    expect(outcome.summary.counts.items).toBe(18);
    expect(outcome.summary.tasks.filter((task) => task.status === 'scored').length).toBeGreaterThan(0);
    expect(typeof outcome.summary.all_tasks_mean).toBe('number');
  });

  it('takes its own option (its flag) before its environment variable', async () => {
    const options = { provider: 'constant', answer: 'B', environment: { SHOPEVAL_CONSTANT_ANSWER: 'A' } };
    const model = await createProvider(options as RunProviderOptions<'constant'>, WITH_CONSTANT); // a JavaScript caller's object
    expect(model.description).toMatchObject({ answer: 'B' });
    const outcome = await runEvaluation({
      data: DEV_SET,
      out: temporaryRun(),
      providers: WITH_CONSTANT,
      provider: options as RunProviderOptions<'constant'>,
      filter: { limit: 1, tasks: ['task1'] },
    });
    expect(outcome.manifest.provider).toMatchObject({ answer: 'B' });
  });

  it('is unknown to a run that does not list it, which names the providers it has', async () => {
    const run = runEvaluation({ data: DEV_SET, out: temporaryRun(), provider: { provider: 'constant' } as unknown as RunProviderOptions });
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(
      'options.provider.provider must be one of openai-compatible, ollama, replay, builtin, got "constant"',
    );
  });

  it("derives run's provider flags: its name among --provider's choices, its flag with its variable as the default", () => {
    const table = providerFlagTable(WITH_CONSTANT);
    expect(table.provider.choices).toEqual(['openai-compatible', 'ollama', 'replay', 'builtin', 'constant']);
    expect(table.provider.describe).toBe(
      'Who answers: a server (openai-compatible, ollama), a predictions file (replay), a baseline (builtin) or a constant (constant)',
    );
    expect(table['constant-answer']).toMatchObject({ type: 'string', defaultDescription: '$SHOPEVAL_CONSTANT_ANSWER' });
    expect(table.model.defaultDescription).toBe('builtin: lexical, constant: same-answer, replay: replay');
  });

  it('refuses one flag name declared differently by two providers (a shared flag is one entry)', () => {
    const clash = { ...CONSTANT, name: 'clash', flags: { 'constant-answer': { ...CONSTANT.flags['constant-answer'] } } };
    expect(() => providerFlagTable([CONSTANT, clash])).toThrow(/--constant-answer is declared by another provider too/);
  });
});

describe('createProvider through the registry', () => {
  it.each([
    [{ provider: 'openai-compatible', environment: {} }, 'openai-compatible needs the server URL'],
    [{ provider: 'openai-compatible', baseURL: 'http://127.0.0.1:9/v1', environment: {} }, '--provider openai-compatible needs --model'],
    [
      { provider: 'openai-compatible', baseURL: 'http://127.0.0.1:9/v1', api: 'generate', environment: {} },
      'speaks "chat" or "completions"',
    ],
    [{ provider: 'ollama', api: 'completions', environment: {} }, '--api completions: ollama speaks "chat" or "generate"'],
    [{ provider: 'replay', environment: {} }, '--provider replay needs --predictions <file.jsonl>'],
    [{ provider: 'builtin', model: 'oracle' }, 'unknown builtin model "oracle"'],
  ] as const)('refuses %j, its own checks (the URL) before --model and --api', async (options, message) => {
    await expect(createProvider(options)).rejects.toThrow(ConfigError);
    await expect(createProvider(options)).rejects.toThrow(message);
  });

  it("fills a flag's option from its variable, and the model from the provider's default", async () => {
    const model = await createProvider({ provider: 'ollama', model: 'm', environment: { OLLAMA_HOST: ':11500' } });
    expect(model.description).toMatchObject({ provider: 'ollama', endpoint: 'http://127.0.0.1:11500', api: 'chat' });
    expect((await createProvider({ provider: 'builtin' })).description).toEqual({ provider: 'builtin', model: 'lexical' });
  });
});

describe('the registry', () => {
  it('is what run offers: every provider flag is a run flag, documented in the generated flag list with its variables', () => {
    const docs = renderFlagDocs();
    for (const definition of PROVIDERS) {
      expect(RUN_FLAGS.provider.choices).toContain(definition.name);
      expect(docs).toContain(`| \`${definition.name}\` | ${definition.describe.replace(/\|/g, '\\|')} |`);
      for (const name of Object.keys(definition.flags)) {
        expect(RUN_FLAGS).toHaveProperty([name], PROVIDER_FLAGS[name as keyof typeof PROVIDER_FLAGS]); // not shadowed by a run flag
        expect(docs).toContain(`| \`--${name}\` |`);
      }
      for (const variable of definition.environment) {
        expect(docs).toContain(`\`${variable.name}\`: ${variable.describe}`);
        if (variable.flag !== undefined) expect(definition.flags).toHaveProperty([variable.flag]);
      }
    }
  });

  it('declares apis together with the shared --api flag, and each capability it claims', () => {
    for (const definition of PROVIDERS as readonly AnyProviderDefinition[]) {
      expect(definition.apis === undefined).toBe(definition.flags['api'] === undefined);
      expect(definition.capabilities.replicas).toBe(definition.flags['base-url'] !== undefined);
    }
  });

  it('loads no adapter and no HTTP client for `run --help` (definitions require theirs on create)', () => {
    const script = [
      "process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache))));",
      "require('./dist/src/cli/main.js').main(['run', '--help']);",
    ].join('\n');
    const child = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(child.stdout).toContain('--provider');
    const modules = JSON.parse(child.stderr) as string[];
    expect(modules.some((path) => path.endsWith('registry.js'))).toBe(true);
    expect(modules.filter((path) => /-provider\.js$|node-http-fetch|node_modules\/(openai|ollama)\//.test(path))).toEqual([]);
  });
});
