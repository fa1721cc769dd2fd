import type { GenerateRequest, GenerateResponse, LanguageModel } from '../provider';

/** A middleware replaces `generate`; everything else (description, probe) passes through. */
export type GenerateWrapper = (
  request: GenerateRequest,
  next: (request: GenerateRequest) => Promise<GenerateResponse>,
) => Promise<GenerateResponse>;

export function wrapLanguageModel(model: LanguageModel, wrapper: GenerateWrapper): LanguageModel {
  const next = (request: GenerateRequest): Promise<GenerateResponse> => model.generate(request);
  const wrapped: LanguageModel = {
    description: model.description,
    cacheable: model.cacheable,
    ...(model.logprobs === true ? { logprobs: true } : {}),
    generate: (request) => wrapper(request, next),
  };
  const probe = model.probe?.bind(model);
  return probe === undefined ? wrapped : { ...wrapped, probe };
}
