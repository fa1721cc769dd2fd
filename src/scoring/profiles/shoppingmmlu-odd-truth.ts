import type { Truth } from '../../dataset/row';
import { entityTruth, numericWeights, oddHitRate, pyTypeName, raises, textMetricTruth, type OddTruthScore } from '../odd-truth';
import type { ScorableItem } from '../types';
import { mmluAccuracy, mmluNdcg, mmluRankedInts, mmluRetrievedInts, mmluTpFpFn, type MmluResult } from './shoppingmmlu-metrics';

/** skill_wise_eval/metrics.py (as skill_evaluation.py calls it) on a truth of an unexpected type. */
export function mmluOddTruth(item: ScorableItem, output: string): OddTruthScore {
  const truth = item.truth;
  switch (item.metric) {
    case 'accuracy': {
      // skill_evaluation.py passes str(truth): a truth "3" scores exactly as the int 3 does
      const target = pythonStr(truth);
      const result = mmluAccuracy(output, target);
      if (result.kind === 'value' && result.value === 0 && Array.from(target).length !== 1) {
        return { score: result, why: `str(truth) is ${JSON.stringify(target)}, which no single character equals` };
      }
      return { score: toScore(result) };
    }
    case 'hit rate@3':
      return oddHitRate(mmluRetrievedInts(output), truth);
    case 'ndcg':
      return oddNdcg(output, truth);
    case 'micro f1': {
      const entities = entityTruth(truth);
      if (!('strings' in entities)) return entities;
      return { score: { kind: 'counts', ...mmluTpFpFn(output, entities.strings) }, why: `the truth is a ${pyTypeName(truth)}: its ${typeof truth === 'string' ? 'characters' : 'keys'} are the entities` };
    }
    default:
      return textMetricTruth(item.metric, truth);
  }
}

/** ndcg_eval + ndcg: `len(truth)`, `weight[i - 1]`, `weight.sort()` (a list method) and np.power on the truth as it is. */
function oddNdcg(output: string, truth: Truth): OddTruthScore {
  const weights = numericWeights(truth);
  if (weights !== undefined) return { score: toScore(mmluNdcg(output, weights)) };
  const type = pyTypeName(truth);
  if (truth === null || (typeof truth !== 'object' && typeof truth !== 'string')) return raises('TypeError', `object of type '${type}' has no len()`);
  if (Array.isArray(truth)) return raises('TypeError', `np.power(2, weight) and sort() need numbers, the truth is a list holding other values`);
  const length = typeof truth === 'string' ? Array.from(truth).length : Object.keys(truth).length;
  const indexed = mmluRankedInts(output).slice(0, length).some((rank) => BigInt(rank) - 1n < BigInt(length));
  if (indexed) return typeof truth === 'string' ? raises('TypeError', 'np.power(2, a character of the truth)') : raises('KeyError', 'a dict truth is indexed by int position');
  return raises('AttributeError', `'${type}' object has no attribute 'sort'`);
}

/** Python `str(value)` of a JSON value, as far as a one-character comparison can tell. */
function pythonStr(value: Truth): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function toScore(result: MmluResult): OddTruthScore['score'] {
  return result.kind === 'value' ? result : { kind: 'error', error: result.error, message: result.message };
}
