import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SemanticMetric } from '../scoring/types';
import { checkLocalModel, hashModelFile } from './check-local-model';
import type { EmbeddingOptions } from './embedding-options';
import { createLocalEmbedder } from './local-embedder';
import { locateLocalModel } from './locate-local-model';
import { SEMANTIC_MODEL_PROFILES } from './model-profiles';
import { TO_SCORE_IT, type ResolvedEmbedder } from './resolved-embedder';

export function defaultModelCacheDirectory(environment: NodeJS.ProcessEnv): string {
  return join(environment['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'shopeval', 'models');
}

function howToProvide(metric: SemanticMetric): string {
  const profile = SEMANTIC_MODEL_PROFILES[metric];
  const endpointModel = profile.ollamaModel === undefined ? '' : `, or --${metric}-backend ollama (model ${profile.ollamaModel})`;
  return (
    `put its ONNX export (config.json, tokenizer.json, onnx/model.onnx) in a directory and pass --${metric}-model DIR, ` +
    `or pass --embedding-model-dir ROOT with ROOT/${profile.hubId}/, or --allow-model-download to fetch it from the model hub, ` +
    `or use an endpoint: --${metric}-backend openai --embedding-base-url URL (model ${profile.openaiModel})${endpointModel} ` +
    `(README: "Getting the embedding models offline")`
  );
}

/** Finds and loads the metric's model in-process; every failure becomes a message that says what to do. */
export async function resolveLocalEmbedder(metric: SemanticMetric, options: EmbeddingOptions): Promise<ResolvedEmbedder> {
  const profile = SEMANTIC_MODEL_PROFILES[metric];
  const environment = options.environment ?? process.env;
  const modelCacheDirectory = options.modelCacheDirectory ?? defaultModelCacheDirectory(environment);
  const located = locateLocalModel({
    profile,
    model: options.perMetric?.[metric]?.model,
    modelRoot: options.modelRoot,
    modelCacheDirectory,
    environment,
  });
  if (located.kind === 'incomplete') {
    return { problem: `${located.directory} lacks ${located.missing.join(', ')}${TO_SCORE_IT}${howToProvide(metric)}` };
  }
  if (located.kind === 'hub' && options.allowRemoteModels !== true) {
    return { problem: `no local copy of ${located.hubId} was found${TO_SCORE_IT}${howToProvide(metric)}` };
  }
  let settings: { normalize: boolean; maxSeqLength: number; official: boolean } = { ...profile, official: true };
  let identity = `local|hub:${located.kind === 'hub' ? located.hubId : ''}`;
  if (located.kind === 'directory') {
    const check = checkLocalModel(located.directory, profile, options.allowOtherModel === true);
    if (!check.ok) return { problem: check.problem };
    settings = check;
    identity = `local|sha256:${await hashModelFile(located.directory)}`;
  }
  const model = located.kind === 'directory' ? located.directory : located.hubId;
  try {
    const embedder = await createLocalEmbedder({
      model,
      normalize: settings.normalize,
      maxSeqLength: settings.maxSeqLength,
      localFilesOnly: located.kind === 'directory',
      modelCacheDir: modelCacheDirectory,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      description: `local:${model}`,
    });
    return {
      embedder,
      official: settings.official,
      identity: `${identity}|normalize:${settings.normalize}|max_seq_length:${settings.maxSeqLength}`,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problem: `loading ${model} failed (${reason})${TO_SCORE_IT}${howToProvide(metric)}` };
  }
}
