import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PredictionIndex } from '../../dataset/prediction-index';
import type { GenerateRequest, GenerateResponse, LanguageModel } from '../provider';

export interface ReplaySettings {
  /** The predictions file (JSON Lines of {"id", "output"}). */
  readonly path: string;
  /** The run's label in the manifest and reports. @default 'replay' */
  readonly model?: string;
  /** The file already opened (a run checks and counts it as `shopeval score` does); opened here when not given. */
  readonly predictions?: PredictionIndex;
}

/** Answers from a predictions file (the one `shopeval score` reads), so a submission or an old run is scored without a server. */
export async function createReplayProvider(settings: ReplaySettings): Promise<LanguageModel> {
  const predictions = settings.predictions ?? (await PredictionIndex.open(settings.path));
  // the content hash goes into the manifest, so resuming over an edited predictions file is refused
  const sha256 = createHash('sha256')
    .update(await readFile(settings.path))
    .digest('hex');
  const generate = (request: GenerateRequest): Promise<GenerateResponse> => {
    const id = request.providerOptions?.replay?.id;
    const output = id === undefined ? undefined : predictions.output(id);
    // a row without a prediction is an empty output, counted as missing, exactly as `shopeval score` scores it
    if (output === undefined) return Promise.resolve({ text: '', latencyMs: 0, providerMetadata: { replay: { missingPrediction: true } } });
    return Promise.resolve({ text: output, latencyMs: 0 });
  };
  return {
    description: { provider: 'replay', model: settings.model ?? 'replay', predictions: settings.path, predictions_sha256: sha256 },
    cacheable: false,
    generate,
  };
}
