import type { PyInt, Truth } from '../../dataset/row';
import { countEntityMatches } from '../metrics/micro-f1';
import { calculateNdcg } from '../metrics/ndcg';
import { accuracyWhy, entityTruth, numericWeights, oddHitRate, pyIntEquals, pyTypeName, raises, textMetricTruth, type OddTruthScore } from '../odd-truth';
import type { ParsedAnswer, ScorableItem } from '../types';

/** The starter kit's metrics.py on a truth of an unexpected type, behind parsers.py's parsed answer. */
export function kddOddTruth(item: ScorableItem, parsed: ParsedAnswer): OddTruthScore {
  const truth = item.truth;
  switch (item.metric) {
    case 'accuracy': {
      // calculate_per_sample_accuracy: `prediction == truth` (int vs str is False; True == 1)
      const equal = pyIntEquals(parsed as PyInt, truth);
      return equal ? { score: { kind: 'value', value: 1 } } : { score: { kind: 'value', value: 0 }, why: accuracyWhy(String(parsed), truth) };
    }
    case 'hit rate@3':
      return oddHitRate(parsed as readonly PyInt[], truth);
    case 'ndcg':
      return oddNdcg(parsed as readonly PyInt[], truth);
    case 'micro f1': {
      const entities = entityTruth(truth);
      if (!('strings' in entities)) return entities;
      const counts = countEntityMatches(parsed as readonly string[], entities.strings);
      return { score: { kind: 'counts', ...counts }, why: `the truth is a ${pyTypeName(truth)}: its ${typeof truth === 'string' ? 'characters' : 'keys'} are the entities` };
    }
    default:
      return textMetricTruth(item.metric, truth);
  }
}

/** calculate_ndcg: `len(truth)`, `truth[i - 1]`, `sorted(truth)` and `np.power(2, weight)` on whatever the truth holds. */
function oddNdcg(predicted: readonly PyInt[], truth: Truth): OddTruthScore {
  const weights = numericWeights(truth);
  if (weights !== undefined) return { score: { kind: 'value', value: calculateNdcg(predicted, weights) } };
  const type = pyTypeName(truth);
  if (truth === null || (typeof truth !== 'object' && typeof truth !== 'string')) return raises('TypeError', `object of type '${type}' has no len()`);
  const length = typeof truth === 'string' ? Array.from(truth).length : Array.isArray(truth) ? truth.length : Object.keys(truth).length;
  // an empty truth: no gain is computed, idcg == 0, and the official guard returns 0
  if (length === 0) return { score: { kind: 'value', value: 0 }, why: `the truth is an empty ${type}: idcg is 0 and calculate_ndcg returns 0` };
  const indexed = predicted.slice(0, length).some((rank) => BigInt(rank) - 1n < BigInt(length));
  if (indexed && typeof truth === 'object' && !Array.isArray(truth)) return raises('KeyError', 'a dict truth is indexed by int position');
  return raises('TypeError', `np.power(2, weight) and sorted() need numbers, the truth is a ${type} holding other values`);
}
