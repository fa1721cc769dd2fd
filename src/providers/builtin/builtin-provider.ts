import type { GenerateRequest, GenerateResponse, LanguageModel, RequestItem } from '../provider';
import { ProviderCallError } from '../provider-call-error';
import { lexicalAnswer } from './lexical-baseline';
import { STARTER_KIT_SEED, randomBaselineAnswers } from './random-baseline';

export const BUILTIN_MODELS = ['lexical', 'random'] as const;
export type BuiltinModelName = (typeof BUILTIN_MODELS)[number];

export interface BuiltinSettings {
  readonly model: BuiltinModelName;
  /** Every item of the run in dataset order (the random baseline draws over them in that order). */
  readonly items: readonly RequestItem[];
  /** @default 3142 (the starter kit's) */
  readonly seed?: number;
}

function unplanned(what: string): ProviderCallError {
  return new ProviderCallError({ kind: 'not-found', message: `${what} was not planned`, isRetryable: false });
}

/** Models that need no server, so the whole pipeline runs on a fresh clone. */
export function createBuiltinProvider(settings: BuiltinSettings): LanguageModel {
  const seed = settings.seed ?? STARTER_KIT_SEED;
  const answers = settings.model === 'random' ? randomBaselineAnswers(settings.items, seed) : undefined;
  const generate = (request: GenerateRequest): Promise<GenerateResponse> => {
    const started = performance.now();
    const item = request.providerOptions?.builtin?.item;
    if (item === undefined) return Promise.reject(unplanned('a request without providerOptions.builtin.item'));
    const text = answers === undefined ? lexicalAnswer(request.prompt, item) : answers.get(item.id);
    if (text === undefined) return Promise.reject(unplanned(`item ${item.id}`));
    return Promise.resolve({ text, latencyMs: performance.now() - started });
  };
  const description =
    settings.model === 'random' ? { provider: 'builtin', model: 'random', seed } : { provider: 'builtin', model: settings.model };
  return { description, cacheable: false, generate };
}
