import { ConfigError } from '../errors';
import type { FewShotOptions } from '../prompting/resolve-prompt-files';
import type { RunPromptOptions } from '../pipeline/run-options';
import { parseExtraBody } from '../pipeline/extra-body';
import { resolveMaxTokens, resolveSystemPrompt, type PromptSettings } from '../pipeline/prompt-settings';
import { defined } from '../util/defined';
import type { FlagValues } from './flags/flag-spec';
import type { RUN_FLAGS } from './flags/run-flags';

/** The flags that shape a request: run's own entries, which `batch export` shares (declared once, in RUN_FLAGS). */
export const PROMPT_FLAG_NAMES = [
  'system-prompt',
  'system-preset',
  'prompt-template',
  'prompt-preset',
  'few-shot',
  'few-shot-source',
  'few-shot-seed',
  'few-shot-as-turns',
  'repeats',
  'temperature',
  'max-tokens',
  'stop',
  'seed',
  'top-p',
  'top-k',
  'presence-penalty',
  'frequency-penalty',
  'extra-body',
  'mc-scoring',
] as const satisfies readonly (keyof typeof RUN_FLAGS)[];

export type PromptFlagValues = Pick<FlagValues<typeof RUN_FLAGS>, (typeof PROMPT_FLAG_NAMES)[number]>;

/** The request-shaping settings of the flags (all but templates, few-shot examples and repeats). */
function promptSettingsOf(args: PromptFlagValues): Omit<PromptSettings, 'template' | 'fewShot' | 'repeats'> {
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

/**
 * run's prompt options of the flags: the request-shaping ones plus a template, few-shot examples and repeats. One
 * function for `run` and `batch export`, so an export asks exactly what run would.
 */
export function runPromptOptionsOf(args: PromptFlagValues): RunPromptOptions {
  return {
    ...promptSettingsOf(args),
    ...defined({ templateFile: args['prompt-template'], templatePreset: args['prompt-preset'] }),
    ...fewShotOptions(args),
    ...(args.repeats > 1 ? { repeats: args.repeats } : {}),
  };
}

/** --few-shot K with --few-shot-source FILE (one without the other is a ConfigError naming the missing flag). */
function fewShotOptions(args: PromptFlagValues): { fewShot?: FewShotOptions } {
  const k = args['few-shot'];
  const source = args['few-shot-source'];
  if (k === undefined && source === undefined) return {};
  if (k === undefined) throw new ConfigError('--few-shot-source needs --few-shot K (how many examples to show)');
  if (source === undefined)
    throw new ConfigError(`--few-shot ${k} needs --few-shot-source FILE (a ShopBench-format file to draw the examples from)`);
  return { fewShot: { k, source, seed: args['few-shot-seed'], asTurns: args['few-shot-as-turns'] } };
}
