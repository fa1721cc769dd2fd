import type { Truth } from '../../dataset/row';
import { pyTypeName, raises, type OddTruthScore } from '../odd-truth';
import type { Embedder, ItemScore } from '../types';
import { semanticSimilarity } from './cosine-similarity';
import { defineMetric, type Metric } from './metric-unit';

export interface SemanticItem {
  /** The parsed generation (kddcup2024: the output cut to 5000 code points and Python-stripped). */
  readonly generation: string;
  readonly truth: string | readonly string[];
}

/** Embeds every distinct text of the items in one call (the embedder batches it) and returns each item's official score. */
export async function embedAndScore(items: readonly SemanticItem[], embedder: Embedder): Promise<number[]> {
  const truthsOf = (item: SemanticItem): readonly string[] => (typeof item.truth === 'string' ? [item.truth] : item.truth);
  const distinct = [...new Set(items.flatMap((item) => [item.generation, ...truthsOf(item)]))];
  if (distinct.length === 0) return [];
  const vectors = await embedder.embed(distinct);
  if (vectors.length !== distinct.length) {
    throw new Error(`${embedder.description} returned ${vectors.length} embeddings for ${distinct.length} texts`);
  }
  const vectorOf = new Map(distinct.map((text, index) => [text, vectors[index] ?? []]));
  const lookup = (text: string): readonly number[] => vectorOf.get(text) ?? [];
  return items.map((item) => semanticSimilarity(lookup(item.generation), truthsOf(item).map(lookup)));
}

/** A semantic truth: one reference sentence, or several (the official scorer keeps the best match). */
export function isSemanticTruth(truth: Truth): truth is string | readonly string[] {
  return typeof truth === 'string' || (Array.isArray(truth) && truth.length > 0 && truth.every((item) => typeof item === 'string'));
}

/** A sentence-embedding metric: both profiles leave it unscored per item; the pipeline embeds its items in batches. */
export function defineSemanticMetric<const Name extends string>(name: Name, description: string): Metric<Name, 'embeddings'> {
  const unscored: ItemScore = { kind: 'unscored', reason: `${name} needs an embedding model` };
  const oddTruth = (_answer: unknown, truth: Truth): OddTruthScore =>
    raises('TypeError', `the sentence-transformer model encodes str truths only, got ${pyTypeName(truth)}`);
  return defineMetric({
    name,
    description,
    taskType: 'generation',
    aggregation: 'mean',
    needs: 'embeddings',
    isExpectedTruth: isSemanticTruth,
    kddcup2024: { score: () => unscored, oddTruth },
    shoppingmmlu: { score: () => unscored, oddTruth },
  });
}
