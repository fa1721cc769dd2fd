import { defineSemanticMetric } from './semantic-scores';

export const multilingualSentTransformer = defineSemanticMetric(
  'multilingual-sent-transformer',
  'Cosine similarity of paraphrase-multilingual-MiniLM-L12-v2 sentence embeddings, clipped at 0.',
);
