import { metricDefinition } from '../metrics/registry';
import { parseKddCup2024 } from '../parsers/kddcup2024';
import type { ScorableItem, ScoredItem } from '../types';
import { isUnparseable } from '../unparseable';
import type { ScoringProfile, ScoringResources } from './scoring-profile';
import { mmluMicroF1 } from './shoppingmmlu-metrics';

/** The Shopping MMLU paper's skill_wise_eval/metrics.py: every metric parses the raw generation itself. */
export const shoppingMmluProfile: ScoringProfile = {
  name: 'shoppingmmlu',
  description: 'Shopping MMLU scorer (KL4805/ShoppingMMLU skill_wise_eval/metrics.py): no separate parser, no truncation',
  scoreItem(item: ScorableItem, output: string, resources: ScoringResources): ScoredItem {
    const metric = metricDefinition(item.metric);
    // The paper's code has no parser; the KDD parser only tells whether the output held an answer at all.
    const unparseable = isUnparseable(metric.taskType, parseKddCup2024(metric.taskType, output));
    return { ...metric.shoppingmmlu(output, item.truth, resources), unparseable };
  },
  semanticText(output: string): string {
    return output;
  },
  taskMicroF1(counts) {
    const result = mmluMicroF1(counts);
    return result.kind === 'value' ? { value: result.value } : { error: result.error };
  },
};
