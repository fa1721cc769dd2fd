import { ConfigError } from '../../src/errors';
import { parseExtraBody } from '../../src/pipeline/extra-body';
import { stripReasoning } from '../../src/pipeline/strip-reasoning';

describe('stripReasoning', () => {
  it.each<[string, string, string]>([
    ['a closed block before the answer', '<think>\nThe case fits, so 1.\n</think>\n\n1', '1'],
    ['several blocks, any case, <thinking> too', '<THINK>a</THINK>2<thinking>b</thinking>', '2'],
    ['a closing tag whose opening tag was in the prompt (Qwen3, DeepSeek-R1 templates)', 'it is 3 or 1...</think>\n3', '3'],
    ['an unclosed block: the model ran out of tokens thinking', '2 <think>maybe', '2'],
    ['nothing but thinking', '<think>still going', ''],
  ])('removes %s', (_case, raw, stripped) => {
    expect(stripReasoning(raw)).toBe(stripped);
  });

  it('leaves an answer without reasoning exactly as it was (whitespace included: the parsers see it)', () => {
    expect(stripReasoning('  1, 2, 3 \n')).toBe('  1, 2, 3 \n');
  });
});

describe('parseExtraBody', () => {
  it('accepts an object of server-specific fields', () => {
    expect(parseExtraBody('{"guided_choice": ["0", "1"], "response_format": {"type": "json_object"}, "constructor": 1}')).toEqual({
      guided_choice: ['0', '1'],
      response_format: { type: 'json_object' },
      constructor: 1,
    });
  });

  it.each<[string, RegExp]>([
    ['{"model": "other"}', /"model" is set by shopeval itself/],
    ['{"temperature": 1}', /"temperature" is set by shopeval itself/],
    ['{"stream": true}', /"stream" is set by shopeval itself/],
    ['{"messages": []}', /"messages" is set by shopeval itself/],
    ['{"top_logprobs": 5}', /"top_logprobs" is set by shopeval itself/],
    ['[1, 2]', /expected a JSON object, got an array/],
    ['"text"', /expected a JSON object, got "text"/],
    ['{guided_choice: 1}', /not valid JSON/],
  ])('refuses %s', (text, message) => {
    expect(() => parseExtraBody(text)).toThrow(ConfigError);
    expect(() => parseExtraBody(text)).toThrow(message);
  });

  it('names the flag that sets a refused key instead', () => {
    try {
      parseExtraBody('{"top_p": 0.5}');
      throw new Error('not refused');
    } catch (error) {
      expect((error as ConfigError).hint).toContain('--top-p');
    }
  });
});
