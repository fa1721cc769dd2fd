import { rowProviderOptions, type GenerateRequest } from '../../src/providers/provider';

/** A request as the runner builds it, for adapter and middleware tests. */
export function requestFor(prompt: string, overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    prompt,
    settings: { temperature: 0 },
    providerOptions: rowProviderOptions({
      id: 'item-1',
      taskType: 'multiple-choice',
      metric: 'accuracy',
      taskName: 'task2',
      track: 'untracked',
      isMultipleChoice: true,
    }),
    ...overrides,
  };
}
