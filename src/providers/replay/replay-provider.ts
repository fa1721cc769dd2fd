import { loadPredictions } from '../../dataset/load-predictions';
import type { GenerateRequest, GenerateResponse, LanguageModel } from '../provider';
import { ProviderCallError } from '../provider-call-error';

/** Answers from a predictions file (the one `shopeval score` reads), so a submission or an old run is scored without a server. */
export async function createReplayProvider(settings: { readonly path: string }): Promise<LanguageModel> {
  const predictions = await loadPredictions(settings.path);
  const generate = (request: GenerateRequest): Promise<GenerateResponse> => {
    const prediction = predictions.get(request.item.id);
    if (prediction === undefined) {
      return Promise.reject(new ProviderCallError({ kind: 'not-found', message: `no prediction for item ${request.item.id}`, isRetryable: false }));
    }
    return Promise.resolve({ text: prediction.output, latencyMs: 0 });
  };
  return { description: { provider: 'replay', model: 'replay', predictions: settings.path }, cacheable: false, generate };
}
