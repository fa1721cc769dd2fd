import { ConfigError, resolveRunOptions, type RunEvaluationOptions } from '../../src/index';
import { DEV_SET } from '../helpers/cli';

const minimal: RunEvaluationOptions = { data: DEV_SET, provider: { provider: 'builtin' }, out: 'runs/x' };
/** Options as a JavaScript caller may pass them: no compile-time check of the values. */
const untyped = (prompt: object): RunEvaluationOptions => ({ ...minimal, prompt }) as RunEvaluationOptions;

describe('runEvaluation prompt options of issue 13 (the library)', () => {
  it('keeps valid sampling settings, the extra body and the mc scoring mode', () => {
    const prompt = {
      topP: 0.5,
      topK: 10,
      presencePenalty: -1,
      frequencyPenalty: 2,
      extraBody: { guided_regex: '[0-3]' },
      mcScoring: 'logprobs' as const,
    };
    expect(resolveRunOptions({ ...minimal, prompt }).prompt).toMatchObject(prompt);
  });

  it.each<[object, string]>([
    [{ topP: 1.5 }, 'options.prompt.topP must be a number from 0 to 1, got 1.5'],
    [{ topP: '0.5' }, 'options.prompt.topP must be a number from 0 to 1, got "0.5"'],
    [{ topK: 2.5 }, 'options.prompt.topK'],
    [{ presencePenalty: -3 }, 'options.prompt.presencePenalty must be a number from -2 to 2, got -3'],
    [{ frequencyPenalty: Number.NaN }, 'options.prompt.frequencyPenalty must be a number from -2 to 2'],
    [{ extraBody: { seed: 1 } }, 'options.prompt.extraBody: "seed" is set by shopeval itself'],
    [{ extraBody: 'text' }, 'options.prompt.extraBody: expected a JSON object'],
    [{ mcScoring: 'logprob' }, 'options.prompt.mcScoring must be one of generate, logprobs, got "logprob"'],
  ])('refuses %j, naming the option', (prompt, message) => {
    expect(() => resolveRunOptions(untyped(prompt))).toThrow(ConfigError);
    expect(() => resolveRunOptions(untyped(prompt))).toThrow(message);
  });
});
