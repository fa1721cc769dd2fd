import type { AnswerRow, PromptRow, TaskType } from '../dataset/row';
import { ConfigError } from '../errors';
import { requestItemOf, rowProviderOptions, type GenerateRequest } from '../providers/provider';
import { buildMessages } from '../prompting/build-request';
import { repeatSeed } from '../prompting/repeat-seed';
import type { FewShotPool } from '../prompting/few-shot-pool';
import type { PromptTemplate } from '../prompting/prompt-template';
import { defined } from '../util/defined';

/** Named system prompts; `starter-kit` is the KDD Cup 2024 starter kit baseline's, byte for byte. */
export const SYSTEM_PROMPT_PRESETS = {
  'starter-kit':
    'You are a helpful online shopping assistant. Please answer the following question about online shopping and follow the given instructions.\n\n',
} as const satisfies Record<string, string>;
export type SystemPromptPreset = keyof typeof SYSTEM_PROMPT_PRESETS;

/** Answers are short except for generation: enough for "2" plus a chatty preamble, a ranking of 5, a few entities. */
export const DEFAULT_MAX_TOKENS: Readonly<Record<TaskType, number>> = {
  'multiple-choice': 16,
  ranking: 32,
  retrieval: 32,
  named_entity_recognition: 64,
  generation: 256,
};

/** How rows become requests; all of it goes into the manifest and the cache key. */
export interface PromptSettings {
  /** Sent as the system message (chat) or prepended (completions). */
  readonly system?: string;
  /** The preset the system prompt came from, for the manifest. */
  readonly systemPreset?: SystemPromptPreset;
  /** @default 0 */
  readonly temperature: number;
  readonly maxTokens: Readonly<Record<TaskType, number>>;
  readonly stop?: readonly string[];
  /** With `repeats`, the seed of repeat 0 (later repeats derive theirs from it: see prompting/repeat-seed.ts). */
  readonly seed?: number;
  readonly topP?: number;
  readonly topK?: number;
  readonly presencePenalty?: number;
  readonly frequencyPenalty?: number;
  /** Server-specific body fields, checked by parseExtraBody. */
  readonly extraBody?: Readonly<Record<string, unknown>>;
  /** How multiple-choice rows are answered. @default 'generate' */
  readonly mcScoring?: McScoring;
  /** `--prompt-template FILE` or `--prompt-preset NAME`, parsed. */
  readonly template?: PromptTemplate;
  readonly fewShot?: FewShotSettings;
  /** Times each row is asked (2 or more; absent: once). */
  readonly repeats?: number;
}

/** `--few-shot K --few-shot-source FILE`: K examples of the row's task, drawn per row with `seed`. */
export interface FewShotSettings {
  readonly k: number;
  readonly seed: number;
  /** Shown as user/assistant turns instead of text before the question. */
  readonly asTurns: boolean;
  readonly pool: FewShotPool;
}

/** `generate`: parse the generated text (the competition's way); `logprobs`: the most probable option label of one token. */
export const MC_SCORING_MODES = ['generate', 'logprobs'] as const;
export type McScoring = (typeof MC_SCORING_MODES)[number];

/** Alternatives asked for per token in logprobs mode: the most OpenAI, vLLM (default max_logprobs) and llama-server accept. */
export const MC_TOP_LOGPROBS = 20;

export function resolveSystemPrompt(text: string | undefined, preset: string | undefined): Pick<PromptSettings, 'system' | 'systemPreset'> {
  if (text !== undefined && preset !== undefined) throw new ConfigError('give either --system-prompt or --system-preset, not both');
  if (preset === undefined) return text === undefined ? {} : { system: text };
  if (!(preset in SYSTEM_PROMPT_PRESETS)) {
    throw new ConfigError(`unknown system prompt preset "${preset}"`, {
      hint: `Presets: ${Object.keys(SYSTEM_PROMPT_PRESETS).join(', ')}.`,
    });
  }
  const name = preset as SystemPromptPreset;
  return { system: SYSTEM_PROMPT_PRESETS[name], systemPreset: name };
}

/** `--max-tokens 64` (all task types) or `--max-tokens generation=128 --max-tokens ranking=16`. */
export function resolveMaxTokens(values: readonly string[]): Record<TaskType, number> {
  const result: Record<TaskType, number> = { ...DEFAULT_MAX_TOKENS };
  for (const value of values) {
    const [name, count] = value.includes('=') ? value.split('=', 2) : [undefined, value];
    const tokens = Number(count);
    if (!Number.isInteger(tokens) || tokens <= 0) throw new ConfigError(`--max-tokens ${value}: expected a positive integer`);
    if (name === undefined) for (const taskType of Object.keys(result) as TaskType[]) result[taskType] = tokens;
    else if (name in result) result[name as TaskType] = tokens;
    else
      throw new ConfigError(`--max-tokens ${value}: unknown task type "${name}"`, {
        hint: `Task types: ${Object.keys(result).join(', ')}.`,
      });
  }
  return result;
}

/**
 * The task type whose max tokens a row gets: its own, or for a test-set row without one (the competition hides it)
 * multiple-choice or generation by is_multiple_choice, as the starter kit's baseline picks max_tokens.
 */
export function maxTokensTaskType(row: Pick<PromptRow, 'taskType' | 'isMultipleChoice'>): TaskType {
  return row.taskType ?? (row.isMultipleChoice === true ? 'multiple-choice' : 'generation');
}

/**
 * The request for one row and repeat (undefined: the only one): the template or its input_field as is, few-shot
 * examples (prompting/build-request.ts), and the settings with the repeat's seed.
 */
export function requestForRow(row: AnswerRow, prompt: PromptSettings, repeat?: number): GenerateRequest {
  const byLogprobs = prompt.mcScoring === 'logprobs' && row.taskType === 'multiple-choice';
  const seed = prompt.seed === undefined || repeat === undefined ? prompt.seed : repeatSeed(prompt.seed, repeat);
  const settings = {
    temperature: prompt.temperature,
    // logprobs mode asks for one token and reads the option labels among its most probable alternatives
    maxTokens: byLogprobs ? 1 : prompt.maxTokens[maxTokensTaskType(row)],
    ...(prompt.stop === undefined || prompt.stop.length === 0 ? {} : { stop: prompt.stop }),
    ...defined({
      seed,
      topP: prompt.topP,
      topK: prompt.topK,
      presencePenalty: prompt.presencePenalty,
      frequencyPenalty: prompt.frequencyPenalty,
      extraBody: prompt.extraBody,
    }),
    ...(byLogprobs ? { topLogprobs: MC_TOP_LOGPROBS } : {}),
  };
  const { prompt: text, system, turns } = buildMessages(row, prompt).messages;
  return {
    prompt: text,
    ...(system === undefined ? {} : { system }),
    ...(turns.length === 0 ? {} : { turns }),
    settings,
    providerOptions: rowProviderOptions(requestItemOf(row)),
  };
}
