import type { Embedder } from '../types';
import { semanticSimilarity } from './cosine-similarity';

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
