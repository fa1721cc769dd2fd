import { ConfigError } from '../errors';
import type { FewShotOptions } from '../prompting/resolve-prompt-files';
import type { RunPromptOptions } from '../pipeline/run-options';
import { parseExtraBody } from '../pipeline/extra-body';
import { resolveMaxTokens, resolveSystemPrompt, type PromptSettings } from '../pipeline/prompt-settings';
import { defined } from '../util/defined';
import type { FlagValues } from './flags/flag-spec';
import type { RUN_FLAGS } from './flags/run-flags';

/** The flags that shape a request: run's own entries, which `batch export` shares. */
export type PromptFlagValues = Pick<
  FlagValues<typeof RUN_FLAGS>,
  | 'system-prompt'
  | 'system-preset'
  | 'temperature'
  | 'max-tokens'
  | 'stop'
  | 'seed'
  | 'top-p'
  | 'top-k'
  | 'presence-penalty'
  | 'frequency-penalty'
  | 'extra-body'
  | 'mc-scoring'
>;

/** run's own prompt flags beyond the request-shaping ones: templates, few-shot and repeats (not carried by `batch export`). */
export type RunOnlyPromptFlagValues = Pick<
  FlagValues<typeof RUN_FLAGS>,
  'prompt-template' | 'prompt-preset' | 'few-shot' | 'few-shot-source' | 'few-shot-seed' | 'few-shot-as-turns' | 'repeats'
>;

/** The prompt settings of the flags: one function for `run` and `batch export`, so an export asks exactly what run would. */
export function promptSettingsOf(args: PromptFlagValues): Omit<PromptSettings, 'template' | 'fewShot' | 'repeats'> {
  return {
    ...resolveSystemPrompt(args['system-prompt'], args['system-preset']),
    temperature: args.temperature,
    maxTokens: resolveMaxTokens(args['max-tokens'] ?? []),
    ...defined({
      stop: args.stop,
      seed: args.seed,
      topP: args['top-p'],
      topK: args['top-k'],
      presencePenalty: args['presence-penalty'],
      frequencyPenalty: args['frequency-penalty'],
    }),
    ...(args['extra-body'] === undefined ? {} : { extraBody: parseExtraBody(args['extra-body']) }),
    ...(args['mc-scoring'] === 'generate' ? {} : { mcScoring: args['mc-scoring'] }),
  };
}

/** run's prompt options: the request-shaping ones plus a template, few-shot examples and repeats. */
export function runPromptOptionsOf(args: PromptFlagValues & RunOnlyPromptFlagValues): RunPromptOptions {
  return {
    ...promptSettingsOf(args),
    ...defined({ templateFile: args['prompt-template'], templatePreset: args['prompt-preset'] }),
    ...fewShotOptions(args),
    ...(args.repeats > 1 ? { repeats: args.repeats } : {}),
  };
}

/** --few-shot K with --few-shot-source FILE (one without the other is a ConfigError naming the missing flag). */
function fewShotOptions(args: RunOnlyPromptFlagValues): { fewShot?: FewShotOptions } {
  const k = args['few-shot'];
  const source = args['few-shot-source'];
  if (k === undefined && source === undefined) return {};
  if (k === undefined) throw new ConfigError('--few-shot-source needs --few-shot K (how many examples to show)');
  if (source === undefined)
    throw new ConfigError(`--few-shot ${k} needs --few-shot-source FILE (a ShopBench-format file to draw the examples from)`);
  return { fewShot: { k, source, seed: args['few-shot-seed'], asTurns: args['few-shot-as-turns'] } };
}
