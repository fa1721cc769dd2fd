import { calculateBleuScore } from '../metrics/bleu';
import { rougeLFMeasure } from '../metrics/rougel';
import { parseKddCup2024 } from '../parsers/kddcup2024';
import { tokenize13a } from '../text/tokenize-13a';
import type { ItemScore, ScorableItem, ScoredItem } from '../types';
import { isUnparseable } from '../unparseable';
import { isExpectedTruth } from '../odd-truth';
import { mmluOddTruth } from './shoppingmmlu-odd-truth';
import { needsJapaneseTokenizer, unscoredSemantic } from './profile-helpers';
import type { ScoringProfile, ScoringResources } from './scoring-profile';
import {
  mmluAccuracy,
  mmluHitRate,
  mmluMicroF1,
  mmluNdcg,
  mmluTpFpFn,
  type MmluResult,
} from './shoppingmmlu-metrics';

/** The Shopping MMLU paper's skill_wise_eval/metrics.py: every metric parses the raw generation itself. */
export const shoppingMmluProfile: ScoringProfile = {
  name: 'shoppingmmlu',
  description: 'Shopping MMLU scorer (KL4805/ShoppingMMLU skill_wise_eval/metrics.py): no separate parser, no truncation',
  scoreItem(item: ScorableItem, output: string, resources: ScoringResources): ScoredItem {
    // The paper's code has no parser; the KDD parser only tells whether the output held an answer at all.
    const unparseable = isUnparseable(item.taskType, parseKddCup2024(item.taskType, output));
    if (!isExpectedTruth(item.metric, item.truth)) {
      const odd = mmluOddTruth(item, output);
      return { parsed: null, score: odd.score, unparseable, ...(odd.why === undefined ? {} : { truthNote: odd.why }) };
    }
    return { parsed: null, score: scoreRaw(item, output, resources), unparseable };
  },
  semanticText(output: string): string {
    return output;
  },
  taskMicroF1(counts) {
    const result = mmluMicroF1(counts);
    return result.kind === 'value' ? { value: result.value } : { error: result.error };
  },
};

function scoreRaw(item: ScorableItem, output: string, resources: ScoringResources): ItemScore {
  const truth = item.truth;
  switch (item.metric) {
    case 'accuracy':
      return fromResult(mmluAccuracy(output, truth as number));
    case 'hit rate@3':
      return fromResult(mmluHitRate(output, truth as readonly number[]));
    case 'ndcg':
      return fromResult(mmluNdcg(output, truth as readonly number[]));
    case 'micro f1':
      return { kind: 'counts', ...mmluTpFpFn(output, truth as readonly string[]) };
    case 'rougel':
      return { kind: 'value', value: rougeLFMeasure(output, truth as string) };
    case 'bleu':
      return { kind: 'value', value: calculateBleuScore(output, truth as string, tokenize13a) };
    case 'jp-bleu': {
      const japanese = resources.japanese ?? needsJapaneseTokenizer();
      return { kind: 'value', value: calculateBleuScore(output, truth as string, (line) => japanese.tokenize(line)) };
    }
    case 'sent-transformer':
    case 'multilingual-sent-transformer':
      return unscoredSemantic(item.metric);
  }
}

function fromResult(result: MmluResult): ItemScore {
  return result.kind === 'value' ? result : { kind: 'error', error: result.error, message: result.message };
}
