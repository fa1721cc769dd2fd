import { accuracy } from './accuracy';
import { bleu } from './bleu';
import { hitRate3 } from './hit-rate';
import { jpBleu } from './jp-bleu';
import type { Metric, MetricNeed } from './metric-unit';
import { microF1Metric } from './micro-f1';
import { multilingualSentTransformer } from './multilingual-sent-transformer';
import { ndcg } from './ndcg';
import { rougeL } from './rougel';
import { sentTransformer } from './sent-transformer';

/** Every metric string a ShopBench row may name, mapped to the unit that scores it: one line a metric. */
export const METRICS = {
  accuracy,
  'hit rate@3': hitRate3,
  ndcg,
  'micro f1': microF1Metric,
  rougel: rougeL,
  bleu,
  'jp-bleu': jpBleu,
  'sent-transformer': sentTransformer,
  'multilingual-sent-transformer': multilingualSentTransformer,
} as const satisfies { readonly [Name in string]: Metric<Name> };

export type MetricName = keyof typeof METRICS;

/** The metric names in registry order (the order of the schemas' enums and of error messages). */
export const METRIC_NAMES: readonly MetricName[] = Object.values(METRICS).map((metric) => metric.name);

/** The metrics that need a resource (`needs`), e.g. the two sentence-embedding metrics. */
export type MetricNeeding<Need extends MetricNeed> = {
  readonly [Name in MetricName]: (typeof METRICS)[Name] extends { readonly needs?: infer Declared }
    ? Need extends Declared
      ? Name
      : never
    : never;
}[MetricName];

/** A registered metric as the library shows it: its name, description, task type, aggregation and needs. */
export type MetricDefinition = Metric<MetricName>;

export function metricDefinition(name: MetricName): MetricDefinition {
  return METRICS[name];
}

/** The registered metrics that need `need`, in registry order. */
export function metricsNeeding<Need extends MetricNeed>(need: Need): MetricNeeding<Need>[] {
  return METRIC_NAMES.filter((name): name is MetricNeeding<Need> => metricNeeds(name, need));
}

/** Whether the named metric's unit declares `need` (narrows the name, e.g. to a SemanticMetric). */
export function metricNeeds<Need extends MetricNeed>(name: MetricName, need: Need): name is MetricNeeding<Need> {
  return METRICS[name].needs === need;
}
