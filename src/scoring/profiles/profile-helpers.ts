import type { ItemScore, SemanticMetric } from '../types';

export function unscoredSemantic(metric: SemanticMetric): ItemScore {
  return { kind: 'unscored', reason: `${metric} needs an embedding model` };
}

/** A programming error, not a user one: scoreOutputs loads the tokenizer whenever a jp-bleu row is present. */
export function needsJapaneseTokenizer(): never {
  throw new Error('jp-bleu needs the Japanese tokenizer: load it with loadJapaneseTokenizer() and pass it in the scoring resources');
}
