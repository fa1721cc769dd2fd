import { parseExtraBody } from '../pipeline/extra-body';
import { resolveMaxTokens, resolveSystemPrompt, type PromptSettings } from '../pipeline/prompt-settings';
import { defined } from '../util/defined';
import type { FlagValues } from './flags/flag-spec';
import type { RUN_FLAGS } from './flags/run-flags';

/** The flags that shape a request: run's own entries, which `batch export` shares. */
export type PromptFlagValues = Pick<
  FlagValues<typeof RUN_FLAGS>,
  'system-prompt' | 'system-preset' | 'temperature' | 'max-tokens' | 'stop' | 'seed' | 'top-p' | 'top-k' | 'presence-penalty' | 'frequency-penalty' | 'extra-body' | 'mc-scoring'
>;

/** The prompt settings of the flags: one function for `run` and `batch export`, so an export asks exactly what run would. */
export function promptSettingsOf(args: PromptFlagValues): PromptSettings {
  return {
    ...resolveSystemPrompt(args['system-prompt'], args['system-preset']),
    temperature: args.temperature,
    maxTokens: resolveMaxTokens(args['max-tokens'] ?? []),
    ...defined({ stop: args.stop, seed: args.seed, topP: args['top-p'], topK: args['top-k'], presencePenalty: args['presence-penalty'], frequencyPenalty: args['frequency-penalty'] }),
    ...(args['extra-body'] === undefined ? {} : { extraBody: parseExtraBody(args['extra-body']) }),
    ...(args['mc-scoring'] === 'generate' ? {} : { mcScoring: args['mc-scoring'] }),
  };
}
