import type { Truth } from '../../dataset/row';
import { entityTruth, pyTypeName, type OddTruthScore } from '../odd-truth';
import { mmluTpFpFn } from '../profiles/shoppingmmlu-metrics';
import { pyLower, pyStrip } from '../text/python-string';
import { sumCounts, type EntityCounts } from './entity-counts';
import { defineMetric } from './metric-unit';

export type { EntityCounts } from './entity-counts';

/**
 * metrics.calculate_true_positive_false_positives_false_negatives: predictions `lower().strip()`, truths `lower()` only
 * (official asymmetry); tp counts distinct matches, duplicates in the prediction are false positives.
 */
export function countEntityMatches(extracted: readonly string[], truth: readonly string[]): EntityCounts {
  const predicted = extracted.map((entity) => pyStrip(pyLower(entity)));
  const expected = truth.map((entity) => pyLower(entity));
  const predictedSet = new Set(predicted);
  const tp = new Set(expected.filter((entity) => predictedSet.has(entity))).size;
  return { tp, fp: predicted.length - tp, fn: expected.length - tp };
}

/** metrics.calculate_f1_score over summed counts, with its zero guards (0 when precision + recall is 0). */
export function microF1(counts: readonly EntityCounts[]): number {
  const total = sumCounts(counts);
  const precision = total.tp + total.fp > 0 ? total.tp / (total.tp + total.fp) : 0;
  const recall = total.tp + total.fn > 0 ? total.tp / (total.tp + total.fn) : 0;
  if (precision + recall === 0) return 0;
  return (2 * precision * recall) / (precision + recall);
}

export const microF1Metric = defineMetric({
  name: 'micro f1',
  description: 'Entity extraction: per item tp/fp/fn, per task F1 of the summed counts.',
  taskType: 'named_entity_recognition',
  aggregation: 'micro-f1',
  isExpectedTruth: (truth: Truth): truth is readonly string[] => Array.isArray(truth) && truth.every((item) => typeof item === 'string'),
  kddcup2024: {
    score: (parsed, truth) => ({ kind: 'counts', ...countEntityMatches(parsed, truth) }),
    oddTruth: (parsed, truth) => oddEntities(truth, (strings) => countEntityMatches(parsed, strings)),
  },
  shoppingmmlu: {
    score: (output, truth) => ({ kind: 'counts', ...mmluTpFpFn(output, truth) }),
    oddTruth: (output, truth) => oddEntities(truth, (strings) => mmluTpFpFn(output, strings)),
  },
});

/** Both profiles iterate the truth as Python would: a str gives its characters, a dict its keys. */
function oddEntities(truth: Truth, count: (entities: readonly string[]) => EntityCounts): OddTruthScore {
  const entities = entityTruth(truth);
  if (!('strings' in entities)) return entities;
  return {
    score: { kind: 'counts', ...count(entities.strings) },
    why: `the truth is a ${pyTypeName(truth)}: its ${typeof truth === 'string' ? 'characters' : 'keys'} are the entities`,
  };
}
