import { ConfigError } from '../errors';
import { SYSTEM_PROMPT_PRESETS } from '../pipeline/prompt-settings';
import { didYouMean } from '../util/suggest';
import { parsePromptTemplate } from './parse-prompt-template';
import type { PromptTemplate } from './prompt-template';

const chat = (messages: readonly { role: string; content: string }[]): string => `${JSON.stringify(messages, null, 2)}\n`;

/** Named templates for `--prompt-preset`; each is recorded whole in the manifest like a template file. */
export const PROMPT_PRESETS = {
  /** The row's input_field as the user message: what a run without a template sends. */
  plain: '{{input_field}}',
  /** The KDD Cup 2024 starter kit's system prompt (byte for byte) and the row as the user message. */
  'starter-kit': chat([
    { role: 'system', content: SYSTEM_PROMPT_PRESETS['starter-kit'] },
    { role: 'user', content: '{{input_field}}' },
  ]),
  /** Asks for the bare answer in the format the question names: chat models that explain themselves parse better. */
  'answer-only': chat([
    {
      role: 'system',
      content:
        'You are an online shopping assistant. Reply with the answer only, in exactly the format the question asks for: no explanation, no preamble.',
    },
    { role: 'user', content: '{{few_shot}}{{input_field}}' },
  ]),
} as const satisfies Record<string, string>;
export type PromptPresetName = keyof typeof PROMPT_PRESETS;
export const PROMPT_PRESET_NAMES = Object.keys(PROMPT_PRESETS) as PromptPresetName[];

export function promptPreset(name: string): PromptTemplate {
  if (!(name in PROMPT_PRESETS))
    throw new ConfigError(`unknown prompt preset "${name}"${didYouMean(name, PROMPT_PRESET_NAMES)}`, {
      hint: `Presets: ${PROMPT_PRESET_NAMES.join(', ')}.`,
    });
  return parsePromptTemplate(PROMPT_PRESETS[name as PromptPresetName], `preset:${name}`);
}
