import type { ScoringResources } from '../profiles/scoring-profile';
import type { JapaneseTokenizer } from '../text/japanese-tokenizer';
import { bleuOddTruth, calculateBleuScore } from './bleu';
import { defineMetric, isTextTruth } from './metric-unit';

export const jpBleu = defineMetric({
  name: 'jp-bleu',
  description: 'sacrebleu BLEU with MeCab/IPADIC (ja-mecab) tokenization; kuromoji with its IPADIC here.',
  taskType: 'generation',
  aggregation: 'mean',
  needs: 'japanese-tokenizer',
  isExpectedTruth: isTextTruth,
  kddcup2024: {
    score: (parsed, truth, resources) => ({ kind: 'value', value: japaneseBleu(parsed, truth, resources) }),
    oddTruth: (_parsed, truth) => bleuOddTruth(truth),
  },
  shoppingmmlu: {
    score: (output, truth, resources) => ({ kind: 'value', value: japaneseBleu(output, truth, resources) }),
    oddTruth: (_output, truth) => bleuOddTruth(truth),
  },
});

function japaneseBleu(generation: string, truth: string, resources: ScoringResources): number {
  const japanese = resources.japanese ?? missingTokenizer();
  return calculateBleuScore(generation, truth, (line) => japanese.tokenize(line));
}

/** A programming error, not a user one: loadScoringResources loads the tokenizer whenever a jp-bleu row is present. */
function missingTokenizer(): JapaneseTokenizer {
  throw new Error(
    'jp-bleu needs the Japanese tokenizer: load it with loadScoringResources() (or loadJapaneseTokenizer()) and pass it in the scoring resources',
  );
}
