import type { ShopBenchRow } from '../dataset/row';
import { embedAndScore, isSemanticTruth } from '../scoring/metrics/semantic-scores';
import { metricsNeeding } from '../scoring/metrics/registry';
import type { ScoringProfile } from '../scoring/profiles/scoring-profile';
import type { Embedders, ScoredItem } from '../scoring/types';
import type { ItemOutput } from './score-outputs';

/**
 * Scores the semantic-similarity rows in one batch per metric, replacing their `unscored` placeholders.
 * A metric without an embedder stays unscored, with the reason that says how to get one.
 * `outputs` and `scored` are the rows' answers and items, position by position.
 */
export async function scoreSemanticItems(args: {
  readonly rows: readonly ShopBenchRow[];
  readonly outputs: readonly (ItemOutput | undefined)[];
  readonly profile: ScoringProfile;
  readonly scored: (ScoredItem | null)[];
  readonly embedders?: Embedders;
  readonly embeddingUnavailable?: Partial<Record<string, string>>;
}): Promise<void> {
  for (const metric of metricsNeeding('embeddings')) {
    // a truth the model cannot encode keeps the error its profile gave it
    const rows = args.rows.flatMap((row, position) =>
      row.metric === metric && args.scored[position] != null && isSemanticTruth(row.truth) ? [{ position, truth: row.truth }] : [],
    );
    if (rows.length === 0) continue;
    const embedder = args.embedders?.[metric];
    if (!embedder) {
      const reason = args.embeddingUnavailable?.[metric];
      if (reason !== undefined) for (const { position } of rows) replaceScore(args.scored, position, { kind: 'unscored', reason });
      continue;
    }
    let values: number[];
    try {
      values = await embedAndScore(
        rows.map(({ position, truth }) => ({ generation: args.profile.semanticText(args.outputs[position]?.output ?? ''), truth })),
        embedder,
      );
    } catch (error) {
      // the other metrics' scores stand; these items say why they have none, and a rerun retries them
      const reason = `the embedding backend (${embedder.description}) failed: ${(error as Error).message}; run again to retry`;
      for (const { position } of rows) replaceScore(args.scored, position, { kind: 'unscored', reason });
      continue;
    }
    rows.forEach(({ position }, index) => replaceScore(args.scored, position, { kind: 'value', value: values[index] as number }));
  }
}

function replaceScore(scored: (ScoredItem | null)[], position: number, score: ScoredItem['score']): void {
  const item = scored[position];
  if (item) scored[position] = { ...item, score };
}
