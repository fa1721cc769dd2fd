import type { MetricName, TaskType } from '../../dataset/row';

export interface MetricDefinition {
  readonly name: MetricName;
  readonly description: string;
  /** The only task type whose answers this metric scores (the dataset's pairing). */
  readonly taskType: TaskType;
  /** How item scores become a task score. */
  readonly aggregation: 'mean' | 'micro-f1';
  /** A resource the metric needs beyond the text. */
  readonly needs?: 'embeddings' | 'japanese-tokenizer';
}

/** Every metric string a ShopBench row may name, mapped to what shopeval does with it. */
export const METRICS = {
  accuracy: {
    name: 'accuracy',
    description: 'Exact match of the chosen option number (official: a bool, averaged).',
    taskType: 'multiple-choice',
    aggregation: 'mean',
  },
  'hit rate@3': {
    name: 'hit rate@3',
    description: 'Share of the true items found among the first three retrieved (duplicates count once).',
    taskType: 'retrieval',
    aggregation: 'mean',
  },
  ndcg: {
    name: 'ndcg',
    description: 'NDCG of the predicted order of five candidates against graded relevance weights.',
    taskType: 'ranking',
    aggregation: 'mean',
  },
  'micro f1': {
    name: 'micro f1',
    description: 'Entity extraction: per item tp/fp/fn, per task F1 of the summed counts.',
    taskType: 'named_entity_recognition',
    aggregation: 'micro-f1',
  },
  rougel: {
    name: 'rougel',
    description: 'ROUGE-L F-measure (rouge_score tokenizer, NLTK Porter stemmer).',
    taskType: 'generation',
    aggregation: 'mean',
  },
  bleu: {
    name: 'bleu',
    description: 'sacrebleu BLEU of the first line (13a tokenizer, lowercased, exp smoothing), divided by 100.',
    taskType: 'generation',
    aggregation: 'mean',
  },
  'jp-bleu': {
    name: 'jp-bleu',
    description: 'sacrebleu BLEU with MeCab/IPADIC (ja-mecab) tokenization; kuromoji with its IPADIC here.',
    taskType: 'generation',
    aggregation: 'mean',
    needs: 'japanese-tokenizer',
  },
  'sent-transformer': {
    name: 'sent-transformer',
    description: 'Cosine similarity of all-MiniLM-L6-v2 sentence embeddings, clipped at 0.',
    taskType: 'generation',
    aggregation: 'mean',
    needs: 'embeddings',
  },
  'multilingual-sent-transformer': {
    name: 'multilingual-sent-transformer',
    description: 'Cosine similarity of paraphrase-multilingual-MiniLM-L12-v2 sentence embeddings, clipped at 0.',
    taskType: 'generation',
    aggregation: 'mean',
    needs: 'embeddings',
  },
} as const satisfies { readonly [Name in MetricName]: MetricDefinition & { readonly name: Name } };

export function metricDefinition(name: MetricName): MetricDefinition {
  return METRICS[name];
}
