import { metricDefinition } from '../metrics/registry';
import { microF1 } from '../metrics/micro-f1';
import { parseKddCup2024 } from '../parsers/kddcup2024';
import type { ScorableItem, ScoredItem } from '../types';
import { isUnparseable } from '../unparseable';
import type { ScoringProfile, ScoringResources } from './scoring-profile';

/** The Amazon KDD Cup 2024 starter kit: parsers.py 0.1.1 in front of metrics.py, aggregated as local_evaluation.py. */
export const kddCup2024Profile: ScoringProfile = {
  name: 'kddcup2024',
  description: 'Amazon KDD Cup 2024 official scorer (starter kit parsers.py 0.1.1, metrics.py, local_evaluation.py)',
  scoreItem(item: ScorableItem, output: string, resources: ScoringResources): ScoredItem {
    // each metric unit holds its scoring under this profile (see scoring/metrics/)
    const metric = metricDefinition(item.metric);
    const outcome = metric.kddcup2024(output, item.truth, resources);
    return { ...outcome, unparseable: isUnparseable(metric.taskType, outcome.parsed) };
  },
  semanticText(output: string): string {
    return parseKddCup2024('generation', output);
  },
  taskMicroF1(counts) {
    return { value: microF1(counts) };
  },
};
