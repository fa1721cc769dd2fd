import { DEFAULT_MAX_TOKENS, requestForRow, resolveMaxTokens, resolveSystemPrompt } from '../../src/pipeline/prompt-settings';
import type { ShopBenchRow } from '../../src/dataset/row';

const row: ShopBenchRow = {
  id: 'r1',
  input: 'Which?\n0. a\n1. b\nAnswer: ',
  truth: 1,
  taskType: 'multiple-choice',
  metric: 'accuracy',
  taskName: 'task2',
  track: 't',
  isMultipleChoice: true,
  source: { file: 'x.jsonl', position: 1, kind: 'line' },
};

describe('prompt settings', () => {
  it('sends input_field as is, with per-task max tokens and optional settings', () => {
    const request = requestForRow(row, { temperature: 0, maxTokens: DEFAULT_MAX_TOKENS, stop: ['\n'], seed: 3 });
    expect(request).toMatchObject({
      prompt: row.input,
      settings: { temperature: 0, maxTokens: 16, stop: ['\n'], seed: 3 },
      providerOptions: { builtin: { item: { id: 'r1', taskType: 'multiple-choice' } } },
    });
    expect(request.system).toBeUndefined();
  });

  it('resolves the starter-kit preset and per-task max tokens', () => {
    expect(resolveSystemPrompt(undefined, 'starter-kit').system).toMatch(/^You are a helpful online shopping assistant\. .*\n\n$/);
    expect(() => resolveSystemPrompt('x', 'starter-kit')).toThrow(/not both/);
    expect(resolveMaxTokens(['100', 'generation=300'])).toMatchObject({ ranking: 100, generation: 300 });
    expect(() => resolveMaxTokens(['poetry=3'])).toThrow(/unknown task type/);
  });
});
