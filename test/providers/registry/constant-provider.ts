import { defineProvider, type LanguageModel } from '../../../src/index';

export interface ConstantOptions {
  /** The answer given to every row. @default $SHOPEVAL_CONSTANT_ANSWER, else "1" */
  readonly answer?: string;
}

/** A provider defined outside src/: the same answer to every row, so the whole pipeline runs with it and scores it. */
export const CONSTANT = defineProvider<ConstantOptions>()({
  name: 'constant',
  describe: 'The same answer to every row (a test of the provider registry)',
  answers: 'a constant',
  model: { default: 'same-answer', names: 'a label' },
  flags: {
    'constant-answer': {
      option: 'answer',
      spec: { type: 'string', group: 'model', describe: 'constant: the answer given to every row' },
    },
  },
  environment: [{ name: 'SHOPEVAL_CONSTANT_ANSWER', describe: 'the answer', flag: 'constant-answer' }],
  capabilities: { replicas: false, logprobs: false, predictionsFile: false },
  create(settings, context): Promise<LanguageModel> {
    const text = settings.answer ?? '1';
    return Promise.resolve({
      description: { provider: 'constant', model: context.model, answer: text },
      cacheable: false,
      generate: () => Promise.resolve({ text, latencyMs: 0 }),
    });
  },
});
