import type { AnswerRow } from '../dataset/row';
import type { ChatTurn } from '../providers/provider';
import type { PromptTemplate, TemplateField, TemplatePart } from './prompt-template';

/** What a template makes of a row: the system message (if the template has one), earlier turns, the user message. */
export interface RenderedPrompt {
  readonly system?: string;
  readonly turns: readonly ChatTurn[];
  readonly prompt: string;
}

/** Fills a template's placeholders from the row; `fewShot` is what `{{few_shot}}` stands for (empty without examples). */
export function renderTemplate(template: PromptTemplate, row: AnswerRow, fewShot: string): RenderedPrompt {
  const values: Record<TemplateField, string> = {
    input_field: row.input,
    task_name: row.taskName,
    task_type: row.taskType ?? '',
    metric: row.metric ?? '',
    track: row.track,
    id: row.id,
    few_shot: fewShot,
  };
  const fill = (parts: readonly TemplatePart[]): string => parts.map((part) => ('field' in part ? values[part.field] : part.text)).join('');
  const [first, ...rest] = template.messages;
  const system = first?.role === 'system' ? fill(first.parts) : undefined;
  const body = first?.role === 'system' ? rest : template.messages;
  const last = body[body.length - 1];
  const turns = body
    .slice(0, -1)
    .map((message): ChatTurn => ({ role: message.role === 'assistant' ? 'assistant' : 'user', content: fill(message.parts) }));
  return { ...(system === undefined ? {} : { system }), turns, prompt: last === undefined ? '' : fill(last.parts) };
}
