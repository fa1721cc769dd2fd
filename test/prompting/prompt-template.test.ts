import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShopBenchRow } from '../../src/dataset/row';
import { ConfigError } from '../../src/errors';
import { DEFAULT_MAX_TOKENS, requestForRow, SYSTEM_PROMPT_PRESETS } from '../../src/pipeline/prompt-settings';
import { exampleAnswer } from '../../src/prompting/example-answer';
import { parsePromptTemplate, readPromptTemplate } from '../../src/prompting/parse-prompt-template';
import { PROMPT_PRESET_NAMES, promptPreset } from '../../src/prompting/prompt-presets';
import { resolveTemplate } from '../../src/prompting/resolve-prompt-files';
import { temporaryDirectory } from '../e2e/run-fixtures';

const row: ShopBenchRow = {
  id: 'r1',
  input: 'Which?\n0. a\n1. b\nAnswer: ',
  truth: 1,
  taskType: 'multiple-choice',
  metric: 'accuracy',
  taskName: 'task2',
  track: 'trk',
  isMultipleChoice: true,
  source: { file: 'x.jsonl', position: 1, kind: 'line' },
};
const settings = { temperature: 0, maxTokens: DEFAULT_MAX_TOKENS };

describe('prompt templates', () => {
  it('fills every placeholder of a text template (spaces inside braces allowed)', () => {
    const template = parsePromptTemplate('[{{ task_name }}/{{task_type}}/{{metric}}/{{track}}/{{id}}]\n{{input_field}}', 't.txt');
    const request = requestForRow(row, { ...settings, template });
    expect(request.prompt).toBe(`[task2/multiple-choice/accuracy/trk/r1]\n${row.input}`);
    expect(request.system).toBeUndefined();
    expect(request.turns).toBeUndefined();
  });

  it('names file:line of an unknown placeholder, with the nearest real one', () => {
    expect(() => parsePromptTemplate('line one\nline two {{input_feild}}\n', 'my.txt')).toThrow(
      /^my\.txt:2: unknown placeholder \{\{input_feild\}\}.*input_field/,
    );
    expect(() => parsePromptTemplate('{{output_field}} {{input_field}}', 'leak.txt')).toThrow(ConfigError);
    expect(() => parsePromptTemplate('{{input_field}} {{', 'open.txt')).toThrow(/open\.txt:1: an unclosed/);
    expect(() => parsePromptTemplate('no question here', 'q.txt')).toThrow(/never places the question/);
  });

  it('reads a chat template file: system, earlier turns, and the last user message', () => {
    const template = readPromptTemplate('fixtures/prompts/chat-template.json');
    expect(template.kind).toBe('chat');
    const request = requestForRow(row, { ...settings, template });
    expect(request.system).toBe('You answer multiple-choice questions about online shopping (trk).');
    expect(request.turns).toEqual([
      { role: 'user', content: 'Reply with the answer only.' },
      { role: 'assistant', content: 'Understood.' },
    ]);
    expect(request.prompt).toBe(`Question (task2):\n${row.input}`);
  });

  it('locates errors in a chat template file by line', () => {
    const file = join(temporaryDirectory('tpl'), 'bad.json');
    writeFileSync(file, '[\n  {"role": "system", "content": "x"},\n  {"role": "user", "content": "{{input_field}} {{tsak_name}}"}\n]\n');
    expect(() => readPromptTemplate(file)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3: unknown placeholder`));
    writeFileSync(file, '[{"role": "user", "content": "{{input_field}}"}, {"role": "assistant", "content": "ok"}]');
    expect(() => readPromptTemplate(file)).toThrow(/last message of a chat template must be the user's/);
    writeFileSync(file, '[{"role": "robot", "content": "{{input_field}}"}]');
    expect(() => readPromptTemplate(file)).toThrow(/role must be one of system, user, assistant/);
    expect(() => readPromptTemplate(join(file, 'missing'))).toThrow(/cannot read the prompt template/);
  });

  it('presets: plain sends input_field as is; starter-kit sends the same request as --system-preset starter-kit', () => {
    expect(PROMPT_PRESET_NAMES).toEqual(expect.arrayContaining(['plain', 'starter-kit', 'answer-only']));
    expect(requestForRow(row, { ...settings, template: promptPreset('plain') })).toEqual(requestForRow(row, settings));
    const viaSystemPreset = requestForRow(row, { ...settings, system: SYSTEM_PROMPT_PRESETS['starter-kit'], systemPreset: 'starter-kit' });
    expect(requestForRow(row, { ...settings, template: promptPreset('starter-kit') })).toEqual(viaSystemPreset);
    expect(() => promptPreset('starter')).toThrow(/unknown prompt preset "starter".*starter-kit/);
    expect(() => resolveTemplate({ templatePreset: 'starter-kit' }, 'other system')).toThrow(/has its own system message/);
    expect(() => resolveTemplate({ templatePreset: 'plain', templateFile: 'x' }, undefined)).toThrow(/not both/);
  });

  it('writes a few-shot answer as the official parsers read it back (a Python literal)', () => {
    expect(exampleAnswer(2)).toBe('2');
    expect(exampleAnswer([3, 1, 2])).toBe('[3, 1, 2]');
    expect(exampleAnswer(['usb cable', "kid's toy"])).toBe(`['usb cable', "kid's toy"]`);
    expect(exampleAnswer('A plain sentence.')).toBe('A plain sentence.');
  });
});
