import type { GenerateRequest, GenerateResponse, LanguageModel } from '../provider';

/** A middleware replaces `generate`; every other field of the model (description, capabilities, probe, replicas) passes through. */
export type GenerateWrapper = (
  request: GenerateRequest,
  next: (request: GenerateRequest) => Promise<GenerateResponse>,
) => Promise<GenerateResponse>;

export function wrapLanguageModel(model: LanguageModel, wrapper: GenerateWrapper): LanguageModel {
  const next = (request: GenerateRequest): Promise<GenerateResponse> => model.generate(request);
  // the probe is bound: an adapter written as a class keeps its `this`
  const probe = model.probe?.bind(model);
  return { ...model, ...(probe === undefined ? {} : { probe }), generate: (request) => wrapper(request, next) };
}
