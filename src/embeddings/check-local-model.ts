import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SemanticModelProfile } from './model-profiles';
import { readSentenceTransformersConfig } from './sentence-transformers-config';

export type ModelCheck =
  | { readonly ok: true; readonly normalize: boolean; readonly maxSeqLength: number; readonly official: boolean }
  | { readonly ok: false; readonly problem: string };

function architectureOf(directory: string): { numHiddenLayers: unknown; hiddenSize: unknown; vocabSize: unknown } {
  const config = JSON.parse(readFileSync(join(directory, 'config.json'), 'utf8')) as Record<string, unknown>;
  return { numHiddenLayers: config['num_hidden_layers'], hiddenSize: config['hidden_size'], vocabSize: config['vocab_size'] };
}

/**
 * Refuses a directory that is visibly not the official model (a silent substitute would change every score):
 * config.json's shape must be the official one unless `allowOtherModel`, and sentence-transformers' own files,
 * when present, must say mean pooling and the profile's Normalize. Their max_seq_length wins over the profile's.
 */
export function checkLocalModel(directory: string, profile: SemanticModelProfile, allowOtherModel: boolean): ModelCheck {
  const actual = architectureOf(directory);
  const expected = profile.architecture;
  const sameShape =
    actual.numHiddenLayers === expected.numHiddenLayers &&
    actual.hiddenSize === expected.hiddenSize &&
    actual.vocabSize === expected.vocabSize;
  if (!sameShape && !allowOtherModel) {
    return {
      ok: false,
      problem:
        `${directory} is not ${profile.hubId}: its config.json has ${String(actual.numHiddenLayers)} layers, hidden size ` +
        `${String(actual.hiddenSize)}, vocabulary ${String(actual.vocabSize)} (expected ${expected.numHiddenLayers}, ` +
        `${expected.hiddenSize}, ${expected.vocabSize}); pass --allow-other-embedding-model to score with it anyway`,
    };
  }
  const own = readSentenceTransformersConfig(directory);
  if (own.poolingModes !== undefined && (own.poolingModes.length !== 1 || own.poolingModes[0] !== 'mean_tokens')) {
    return { ok: false, problem: `${directory} pools with ${own.poolingModes.join('+') || 'nothing'}; ${profile.hubId} uses mean pooling` };
  }
  if (own.normalize !== undefined && own.normalize !== profile.normalize) {
    const says = own.normalize ? 'has a Normalize module' : 'has no Normalize module';
    return { ok: false, problem: `${directory}/modules.json ${says}, unlike ${profile.hubId}: it is a different model` };
  }
  return { ok: true, normalize: profile.normalize, maxSeqLength: own.maxSeqLength ?? profile.maxSeqLength, official: sameShape };
}

/** sha256 of the ONNX file, for the embedding cache's key (another export of "the same" model may differ). */
export async function hashModelFile(directory: string): Promise<string> {
  const path = join(directory, 'onnx', 'model.onnx');
  if (!existsSync(path)) return 'unknown';
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
