import type { Embedder } from '../scoring/types';

/** Joins why a metric has no embedder to how to get one: the terminal shows the part before it, files keep both. */
export const TO_SCORE_IT = '. To score it: ';

/** The short part of an unscored reason (before TO_SCORE_IT), for a one-line terminal note. */
export function briefReason(reason: string): string {
  const at = reason.indexOf(TO_SCORE_IT);
  return at < 0 ? reason : reason.slice(0, at);
}

/** A backend ready to use with the identity its cache entries are keyed by, or why there is none. */
export type ResolvedEmbedder =
  { readonly embedder: Embedder; readonly identity: string; readonly official: boolean } | { readonly problem: string };
