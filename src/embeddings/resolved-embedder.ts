import type { Embedder } from '../scoring/types';

/** A backend ready to use with the identity its cache entries are keyed by, or why there is none. */
export type ResolvedEmbedder = { readonly embedder: Embedder; readonly identity: string; readonly official: boolean } | { readonly problem: string };
