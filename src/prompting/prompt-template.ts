/** Row fields a template may name; the truth (`output_field`) is never one of them: it would leak the answer. */
export const TEMPLATE_FIELDS = ['input_field', 'task_name', 'task_type', 'metric', 'track', 'id', 'few_shot'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** A piece of a parsed template: literal text, or a field to fill in. */
export type TemplatePart = { readonly text: string } | { readonly field: TemplateField };

export type TemplateRole = 'system' | 'user' | 'assistant';

export interface TemplateMessage {
  readonly role: TemplateRole;
  readonly parts: readonly TemplatePart[];
}

/**
 * A prompt template: plain text (the user message), or a chat (role/content messages whose last one is the user's).
 * `text` is the template exactly as written: it goes whole into the manifest, the cache key and the resume check.
 */
export interface PromptTemplate {
  /** The file it was read from, or `preset:NAME`. */
  readonly source: string;
  readonly text: string;
  readonly kind: 'text' | 'chat';
  readonly messages: readonly TemplateMessage[];
  /** Whether the template places the few-shot examples itself (`{{few_shot}}`); otherwise they go before the user message. */
  readonly placesFewShot: boolean;
}
