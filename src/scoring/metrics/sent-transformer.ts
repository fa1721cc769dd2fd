import { defineSemanticMetric } from './semantic-scores';

export const sentTransformer = defineSemanticMetric(
  'sent-transformer',
  'Cosine similarity of all-MiniLM-L6-v2 sentence embeddings, clipped at 0.',
);
