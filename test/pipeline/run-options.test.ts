import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  DEFAULT_CONCURRENCY,
  DEFAULT_DEAD_ENDPOINT_MS,
  DEFAULT_MAX_TOKENS,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  resolveRunOptions,
  runEvaluation,
  type RunEvaluationOptions,
} from '../../src/index';
import { DEV_SET } from '../helpers/cli';

const minimal: RunEvaluationOptions = { data: DEV_SET, provider: { provider: 'builtin' }, out: 'runs/x' };
/** Options as a JavaScript caller may pass them: no compile-time check of the keys. */
const untyped = (options: object): RunEvaluationOptions => options as RunEvaluationOptions;

describe('runEvaluation options (the library)', () => {
  it('fills in the exported defaults for everything left out', () => {
    const resolved = resolveRunOptions(minimal);
    expect(resolved).toMatchObject({
      profile: 'kddcup2024',
      concurrency: DEFAULT_CONCURRENCY,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      retry: DEFAULT_RETRY,
    });
    expect(resolved.prompt).toEqual({ temperature: 0, maxTokens: DEFAULT_MAX_TOKENS });
    expect(resolveRunOptions({ ...minimal, prompt: { maxTokens: { generation: 512 } } }).prompt.maxTokens).toEqual({
      ...DEFAULT_MAX_TOKENS,
      generation: 512,
    });
  });

  it.each([
    [
      { ...minimal, provider: { provider: 'openai-compatible', model: 'm', baseUrl: 'http://127.0.0.1:1/v1' } },
      'options.provider: unknown option "baseUrl"; did you mean baseURL?',
    ],
    [{ ...minimal, concurency: 4 }, 'runEvaluation options: unknown option "concurency"; did you mean concurrency?'],
    [{ ...minimal, retry: { maxAtempts: 2 } }, 'options.retry: unknown option "maxAtempts"; did you mean maxAttempts?'],
    [
      { ...minimal, prompt: { maxTokens: { genration: 5 } } },
      'options.prompt.maxTokens: unknown option "genration"; did you mean generation?',
    ],
    [{ ...minimal, concurrency: 0 }, 'options.concurrency must be a positive integer, got 0'],
    [{ ...minimal, retry: { maxAttempts: 1.5 } }, 'options.retry.maxAttempts must be a positive integer, got 1.5'],
    [{ ...minimal, profile: 'kddcup' }, 'options.profile must be one of kddcup2024, shoppingmmlu, got "kddcup"; did you mean kddcup2024?'],
    [
      { ...minimal, provider: { provider: 'olama' } },
      'options.provider.provider must be one of openai-compatible, ollama, replay, builtin, got "olama"; did you mean ollama?',
    ],
    [{ provider: { provider: 'builtin' }, out: 'x' }, 'options.data must be a non-empty string, got undefined'],
    [
      { ...minimal, filter: { shard: { index: 4, count: 4 } } },
      'options.filter.shard must be { index, count } integers with 0 <= index < count, got {"index":4,"count":4}',
    ],
    [{ ...minimal, filter: { shards: 4 } }, 'options.filter: unknown option "shards"; did you mean shard?'],
  ])('refuses %j with a ConfigError naming the option', (options, message) => {
    expect(() => resolveRunOptions(untyped(options))).toThrow(ConfigError);
    expect(() => resolveRunOptions(untyped(options))).toThrow(message);
  });

  it('runs with only data, provider and out, and refuses a misspelled key before reading anything', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shopeval-library-')), 'run');
    await expect(runEvaluation(untyped({ ...minimal, out, retry: { max_attempts: 3 } }))).rejects.toThrow(/unknown option "max_attempts"/);
    const outcome = await runEvaluation({ ...minimal, out, filter: { limit: 1 } });
    expect(outcome.summary.counts.items).toBe(18);
    expect(outcome.manifest.execution).toEqual({
      concurrency: DEFAULT_CONCURRENCY,
      timeout_ms: DEFAULT_TIMEOUT_MS,
      max_attempts: DEFAULT_RETRY.maxAttempts,
      dead_endpoint_ms: DEFAULT_DEAD_ENDPOINT_MS,
    });
  });
});
