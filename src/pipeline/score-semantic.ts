import type { ShopBenchRow } from '../dataset/row';
import { embedAndScore } from '../scoring/metrics/semantic-scores';
import { isExpectedTruth } from '../scoring/odd-truth';
import type { ScoringProfile } from '../scoring/profiles/scoring-profile';
import type { Embedders, ScoredItem, SemanticMetric } from '../scoring/types';
import type { ItemOutput } from './score-outputs';

const SEMANTIC_METRICS: readonly SemanticMetric[] = ['sent-transformer', 'multilingual-sent-transformer'];

/**
 * Scores the semantic-similarity rows in one batch per metric, replacing their `unscored` placeholders.
 * A metric without an embedder stays unscored, with the reason that says how to get one.
 */
export async function scoreSemanticItems(args: {
  readonly rows: readonly ShopBenchRow[];
  readonly outputs: ReadonlyMap<string, ItemOutput>;
  readonly profile: ScoringProfile;
  readonly scored: Map<string, ScoredItem | null>;
  readonly embedders?: Embedders;
  readonly embeddingUnavailable?: Partial<Record<string, string>>;
}): Promise<void> {
  for (const metric of SEMANTIC_METRICS) {
    // a truth the model cannot encode keeps the error its profile gave it
    const rows = args.rows.filter((row) => row.metric === metric && args.scored.get(row.id) != null && isExpectedTruth(metric, row.truth));
    if (rows.length === 0) continue;
    const embedder = args.embedders?.[metric];
    if (!embedder) {
      const reason = args.embeddingUnavailable?.[metric];
      if (reason !== undefined) for (const row of rows) replaceScore(args.scored, row.id, { kind: 'unscored', reason });
      continue;
    }
    let values: number[];
    try {
      values = await embedAndScore(
        rows.map((row) => ({
          generation: args.profile.semanticText(args.outputs.get(row.id)?.output ?? ''),
          truth: row.truth as string | readonly string[],
        })),
        embedder,
      );
    } catch (error) {
      // the other metrics' scores stand; these items say why they have none, and a rerun retries them
      const reason = `the embedding backend (${embedder.description}) failed: ${(error as Error).message}; run again to retry`;
      for (const row of rows) replaceScore(args.scored, row.id, { kind: 'unscored', reason });
      continue;
    }
    rows.forEach((row, index) => replaceScore(args.scored, row.id, { kind: 'value', value: values[index] as number }));
  }
}

function replaceScore(scored: Map<string, ScoredItem | null>, id: string, score: ScoredItem['score']): void {
  const item = scored.get(id);
  if (item) scored.set(id, { ...item, score });
}
