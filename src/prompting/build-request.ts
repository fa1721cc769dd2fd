import type { AnswerRow } from '../dataset/row';
import type { PromptSettings } from '../pipeline/prompt-settings';
import type { ChatTurn } from '../providers/provider';
import type { FewShotExample } from './few-shot-pool';
import { renderTemplate } from './render-prompt';
import { fewShotText, fewShotTurns } from './render-few-shot';
import { sampleFewShot } from './sample-few-shot';

/** What a row is asked with: the system message, earlier turns and the user message (the settings are requestForRow's). */
export interface BuiltMessages {
  readonly messages: { readonly system?: string; readonly turns: readonly ChatTurn[]; readonly prompt: string };
  /** The ids of the few-shot examples shown, in the order shown (undefined without --few-shot). */
  readonly fewShotIds?: readonly string[];
}

/**
 * The template or the row's input_field, with few-shot examples as text before the question (or where the template
 * puts `{{few_shot}}`) or as chat turns just before it. The same for every repeat of a row.
 */
export function buildMessages(row: AnswerRow, prompt: PromptSettings): BuiltMessages {
  const examples: FewShotExample[] =
    prompt.fewShot === undefined ? [] : sampleFewShot(prompt.fewShot.pool, row, prompt.fewShot.k, prompt.fewShot.seed);
  const asTurns = prompt.fewShot?.asTurns === true;
  const exampleText = asTurns ? '' : fewShotText(examples);
  const template = prompt.template;
  const rendered = template === undefined ? { turns: [], prompt: row.input } : renderTemplate(template, row, exampleText);
  const system = 'system' in rendered && rendered.system !== undefined ? rendered.system : prompt.system;
  const messages = {
    ...(system === undefined ? {} : { system }),
    turns: [...rendered.turns, ...(asTurns ? fewShotTurns(examples) : [])],
    prompt: template?.placesFewShot === true ? rendered.prompt : exampleText + rendered.prompt,
  };
  return prompt.fewShot === undefined ? { messages } : { messages, fewShotIds: examples.map((example) => example.id) };
}
