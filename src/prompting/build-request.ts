import type { ShopBenchRow } from '../dataset/row';
import type { PromptSettings } from '../pipeline/prompt-settings';
import type { ChatTurn, GenerateRequest } from '../providers/provider';
import type { FewShotExample } from './few-shot-pool';
import { renderTemplate } from './render-prompt';
import { repeatSeed } from './repeat-seed';
import { fewShotText, fewShotTurns } from './render-few-shot';
import { sampleFewShot } from './sample-few-shot';

export interface BuiltRequest {
  readonly request: GenerateRequest;
  /** The ids of the few-shot examples shown, in the order shown (undefined without --few-shot). */
  readonly fewShotIds?: readonly string[];
}

/**
 * The request for one row (and repeat): the template or the row's input_field, few-shot examples as text before the
 * question (or where the template puts `{{few_shot}}`) or as chat turns, and the settings with the repeat's seed.
 */
export function buildRequest(row: ShopBenchRow, prompt: PromptSettings, repeat?: number): BuiltRequest {
  const examples: FewShotExample[] = prompt.fewShot === undefined ? [] : sampleFewShot(prompt.fewShot.pool, row, prompt.fewShot.k, prompt.fewShot.seed);
  const asTurns = prompt.fewShot?.asTurns === true;
  const exampleText = asTurns ? '' : fewShotText(examples);
  const exampleTurns: ChatTurn[] = asTurns ? fewShotTurns(examples) : [];
  const template = prompt.template;
  const rendered = template === undefined ? { turns: [], prompt: row.input } : renderTemplate(template, row, exampleText);
  const userText = template?.placesFewShot === true ? rendered.prompt : exampleText + rendered.prompt;
  const system = 'system' in rendered && rendered.system !== undefined ? rendered.system : prompt.system;
  const turns = [...rendered.turns, ...exampleTurns];
  const seed = prompt.seed === undefined ? undefined : repeat === undefined ? prompt.seed : repeatSeed(prompt.seed, repeat);
  const settings = {
    temperature: prompt.temperature,
    maxTokens: prompt.maxTokens[row.taskType],
    ...(prompt.stop === undefined || prompt.stop.length === 0 ? {} : { stop: prompt.stop }),
    ...(seed === undefined ? {} : { seed }),
  };
  const request: GenerateRequest = {
    prompt: userText,
    ...(system === undefined ? {} : { system }),
    ...(turns.length === 0 ? {} : { turns }),
    settings,
    item: { id: row.id, taskType: row.taskType, metric: row.metric, taskName: row.taskName, track: row.track, isMultipleChoice: row.isMultipleChoice },
  };
  return prompt.fewShot === undefined ? { request } : { request, fewShotIds: examples.map((example) => example.id) };
}
