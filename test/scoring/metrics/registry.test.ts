import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricName } from '../../../src/dataset/row';
import { SEMANTIC_METRICS } from '../../../src/embeddings/model-profiles';
import { METRIC_NAMES, METRICS, metricsNeeding, type MetricNeeding } from '../../../src/scoring/metrics/registry';
import type { SemanticMetric } from '../../../src/scoring/types';
import { loadParityCases } from '../../helpers/parity-cases';

const ROOT = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const metricsSection = readme.slice(readme.indexOf('### Metrics'), readme.indexOf('### Scoring profiles'));

function schemaMetricEnum(file: string): unknown {
  const schema = JSON.parse(readFileSync(join(ROOT, 'src', 'schemas', file), 'utf8')) as { properties: { metric: { enum: unknown } } };
  return schema.properties.metric.enum;
}

function parityMetrics(file: string): Set<string> {
  const lines = readFileSync(join(ROOT, 'fixtures', 'parity', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return new Set(lines.map((line) => (JSON.parse(line) as { metric?: string }).metric ?? ''));
}

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// the types derived from the registry: a unit that stops declaring `needs: 'embeddings'` fails to compile here
const semanticIsDerived: Equal<SemanticMetric, 'sent-transformer' | 'multilingual-sent-transformer'> = true;
const japaneseIsDerived: Equal<MetricNeeding<'japanese-tokenizer'>, 'jp-bleu'> = true;

describe('the metric registry', () => {
  it("is keyed by each unit's own name, and METRIC_NAMES is its key list", () => {
    for (const [key, metric] of Object.entries(METRICS)) expect(metric.name).toBe(key);
    expect(METRIC_NAMES).toEqual(Object.keys(METRICS));
    expect(semanticIsDerived && japaneseIsDerived).toBe(true);
  });

  it.each(['shopbench-row.schema.json', 'items-line.schema.json'])('matches the metric enum of %s (same names, same order)', (file) => {
    expect(schemaMetricEnum(file)).toEqual([...METRIC_NAMES]);
  });

  it("lists the embedding metrics from the units' declared needs", () => {
    expect(metricsNeeding('embeddings')).toEqual(['sent-transformer', 'multilingual-sent-transformer']);
    expect(metricsNeeding('japanese-tokenizer')).toEqual(['jp-bleu']);
    // the command line's list, kept apart from the registry so that --help does not load every scorer
    expect(SEMANTIC_METRICS).toEqual(metricsNeeding('embeddings'));
  });

  it.each(METRIC_NAMES.map((name) => [name] as const))(
    "documents %s in README's Metrics section with its own description",
    (name: MetricName) => {
      const metric = METRICS[name];
      const line = metricsSection.split('\n').find((row) => row.startsWith(`| \`${name}\` |`));
      expect(line).toBe(`| \`${name}\` | ${metric.taskType} | ${metric.aggregation} | ${metric.needs ?? ''} | ${metric.description} |`);
    },
  );

  it.each(METRIC_NAMES.map((name) => [name] as const))(
    'has parity cases for %s (or, needing a model, a stated exception)',
    (name: MetricName) => {
      const cases = new Set(loadParityCases().map((parityCase) => parityCase.metric));
      const aggregated = parityMetrics('aggregates-public.jsonl');
      // a sentence-embedding score depends on the model's weights: its parity is checked with the model (see README), not here
      if (METRICS[name].needs === 'embeddings') expect(cases.has(name)).toBe(false);
      else
        expect({ name, itemCases: cases.has(name), taskCases: aggregated.has(name) }).toEqual({ name, itemCases: true, taskCases: true });
    },
  );
});

describe('each text metric says why a non-str truth raises, under both profiles', () => {
  it.each([
    ['rougel', 'AttributeError', "'int' object has no attribute 'lower' (rouge_score tokenizes the truth)"],
    ['bleu', 'TypeError', 'sacrebleu (through evaluate) needs str references, got int'],
    ['jp-bleu', 'TypeError', 'sacrebleu (through evaluate) needs str references, got int'],
    ['sent-transformer', 'TypeError', 'the sentence-transformer model encodes str truths only, got int'],
    ['multilingual-sent-transformer', 'TypeError', 'the sentence-transformer model encodes str truths only, got int'],
  ] as const)('%s', (name, error, message) => {
    const metric = METRICS[name];
    for (const outcome of [metric.kddcup2024('an answer', 3, {}), metric.shoppingmmlu('an answer', 3, {})]) {
      expect(outcome).toMatchObject({
        score: { kind: 'error', error, message },
        truthNote: `the official code raises ${error} (${message})`,
      });
    }
  });
});
