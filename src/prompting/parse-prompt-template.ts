import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors';
import { didYouMean } from '../util/suggest';
import {
  TEMPLATE_FIELDS,
  type PromptTemplate,
  type TemplateField,
  type TemplateMessage,
  type TemplatePart,
  type TemplateRole,
} from './prompt-template';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const ROLES: readonly TemplateRole[] = ['system', 'user', 'assistant'];

/** Reads `--prompt-template FILE`: a JSON array of {role, content} is a chat template, anything else plain text. */
export function readPromptTemplate(file: string): PromptTemplate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read the prompt template ${file}: ${(cause as Error).message}`, {
      cause,
      hint: 'Check the --prompt-template path.',
    });
  }
  return parsePromptTemplate(text, file);
}

/**
 * Parses a template's text; every placeholder is checked here, so a typo fails before any request. A chat template is
 * a JSON array (a `.json` file must be one); any other text is a plain template.
 */
export function parsePromptTemplate(text: string, source: string): PromptTemplate {
  const isChat = source.toLowerCase().endsWith('.json') || isJsonArray(text);
  const messages = isChat ? chatMessages(text, source) : [{ role: 'user' as const, parts: parseParts(text, text, 0, source) }];
  const names = (field: TemplateField): boolean =>
    messages.some((message) => message.parts.some((part) => 'field' in part && part.field === field));
  if (!names('input_field'))
    throw new ConfigError(`${source}: the template never places the question ({{input_field}})`, {
      hint: "Add {{input_field}} where the row's input should go.",
    });
  return { source, text, kind: isChat ? 'chat' : 'text', messages, placesFewShot: names('few_shot') };
}

function isJsonArray(text: string): boolean {
  if (!text.trimStart().startsWith('[')) return false;
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false; // text that merely starts with "[" is a plain template
  }
}

function chatMessages(text: string, source: string): TemplateMessage[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${source}: a chat template must be a JSON array of {"role", "content"} messages: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (!Array.isArray(value) || value.length === 0)
    throw new ConfigError(`${source}: a chat template must be a non-empty JSON array of {"role", "content"} messages`);
  let searchFrom = 0;
  const messages = value.map((message: unknown, index): TemplateMessage => {
    const where = `${source}:${lineAt(text, text.indexOf('{', searchFrom))}: message [${index}]`;
    if (typeof message !== 'object' || message === null || Array.isArray(message))
      throw new ConfigError(`${where} must be an object {"role", "content"}`);
    const { role, content, ...rest } = message as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0)
      throw new ConfigError(`${where}: unknown field "${extra[0] ?? ''}"`, { hint: 'A message has exactly "role" and "content".' });
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
      throw new ConfigError(`${where}.role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(role)}`);
    if (typeof content !== 'string') throw new ConfigError(`${where}.content must be a string, got ${JSON.stringify(content)}`);
    const start = text.indexOf('"content"', searchFrom);
    searchFrom = Math.max(searchFrom, start + 1);
    return { role: role as TemplateRole, parts: parseParts(content, text, Math.max(0, start), source) };
  });
  messages.slice(0, -1).forEach((message, index) => {
    if (message.role === 'system' && index > 0) throw new ConfigError(`${source}: message [${index}]: a system message must come first`);
  });
  if (messages[messages.length - 1]?.role !== 'user')
    throw new ConfigError(`${source}: the last message of a chat template must be the user's (the question)`, {
      hint: 'End the list with {"role": "user", "content": "{{input_field}}"}.',
    });
  return messages;
}

/** Splits text at its placeholders; `file` and `offset` locate an error (file:line of the bad placeholder). */
function parseParts(content: string, file: string, offset: number, source: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of content.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    const index = match.index;
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) {
      const line = lineAt(file, locate(file, match[0], offset));
      throw new ConfigError(`${source}:${line}: unknown placeholder {{${name}}}${didYouMean(name, TEMPLATE_FIELDS)}`, {
        hint:
          name === 'output_field'
            ? 'The truth is never given to the model.'
            : `Placeholders: ${TEMPLATE_FIELDS.map((field) => `{{${field}}}`).join(', ')}.`,
      });
    }
    if (index > last) parts.push({ text: content.slice(last, index) });
    parts.push({ field: name as TemplateField });
    last = index + match[0].length;
  }
  if (last < content.length) parts.push({ text: content.slice(last) });
  const unmatched = content.replace(PLACEHOLDER, '').search(/\{\{|\}\}/);
  if (unmatched !== -1)
    throw new ConfigError(`${source}:${lineAt(file, locate(file, '{{', offset))}: an unclosed "{{" or a stray "}}"`, {
      hint: 'Placeholders are {{name}}; literal double braces are not supported.',
    });
  return parts;
}

function locate(file: string, needle: string, from: number): number {
  const at = file.indexOf(needle, from);
  return at === -1 ? from : at;
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index += 1) if (text.charCodeAt(index) === 10) line += 1;
  return line;
}
