import type { PyInt } from '../../dataset/row';
import { calculateAccuracy } from '../metrics/accuracy';
import { calculateBleuScore } from '../metrics/bleu';
import { calculateHitRate3 } from '../metrics/hit-rate';
import { countEntityMatches, microF1 } from '../metrics/micro-f1';
import { calculateNdcg } from '../metrics/ndcg';
import { rougeLFMeasure } from '../metrics/rougel';
import { parseKddCup2024 } from '../parsers/kddcup2024';
import { tokenize13a } from '../text/tokenize-13a';
import type { ItemScore, ParsedAnswer, ScorableItem, ScoredItem } from '../types';
import { isUnparseable } from '../unparseable';
import { isExpectedTruth } from '../odd-truth';
import { kddOddTruth } from './kddcup2024-odd-truth';
import { needsJapaneseTokenizer, unscoredSemantic } from './profile-helpers';
import type { ScoringProfile, ScoringResources } from './scoring-profile';

/** The Amazon KDD Cup 2024 starter kit: parsers.py 0.1.1 in front of metrics.py, aggregated as local_evaluation.py. */
export const kddCup2024Profile: ScoringProfile = {
  name: 'kddcup2024',
  description: 'Amazon KDD Cup 2024 official scorer (starter kit parsers.py 0.1.1, metrics.py, local_evaluation.py)',
  scoreItem(item: ScorableItem, output: string, resources: ScoringResources): ScoredItem {
    const parsed = parseKddCup2024(item.taskType, output);
    const unparseable = isUnparseable(item.taskType, parsed);
    if (!isExpectedTruth(item.metric, item.truth)) {
      const odd = kddOddTruth(item, parsed);
      return { parsed, score: odd.score, unparseable, ...(odd.why === undefined ? {} : { truthNote: odd.why }) };
    }
    return { parsed, score: scoreParsed(item, parsed, resources), unparseable };
  },
  semanticText(output: string): string {
    return parseKddCup2024('generation', output) as string;
  },
  taskMicroF1(counts) {
    return { value: microF1(counts) };
  },
};

function scoreParsed(item: ScorableItem, parsed: ParsedAnswer, resources: ScoringResources): ItemScore {
  const truth = item.truth;
  switch (item.metric) {
    case 'accuracy':
      return value(calculateAccuracy(parsed as PyInt, truth as number));
    case 'hit rate@3':
      return value(calculateHitRate3(parsed as readonly PyInt[], truth as readonly number[]));
    case 'ndcg':
      return value(calculateNdcg(parsed as readonly PyInt[], truth as readonly number[]));
    case 'micro f1':
      return { kind: 'counts', ...countEntityMatches(parsed as readonly string[], truth as readonly string[]) };
    case 'rougel':
      return value(rougeLFMeasure(parsed as string, truth as string));
    case 'bleu':
      return value(calculateBleuScore(parsed as string, truth as string, tokenize13a));
    case 'jp-bleu': {
      const japanese = resources.japanese ?? needsJapaneseTokenizer();
      return value(calculateBleuScore(parsed as string, truth as string, (line) => japanese.tokenize(line)));
    }
    case 'sent-transformer':
    case 'multilingual-sent-transformer':
      return unscoredSemantic(item.metric);
  }
}

function value(score: number): ItemScore {
  return { kind: 'value', value: score };
}
