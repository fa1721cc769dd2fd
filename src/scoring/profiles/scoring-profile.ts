import type { ProfileName, ScorableItem, ScoredItem } from '../types';
import type { JapaneseTokenizer } from '../text/japanese-tokenizer';

/** What a profile may need beyond the text; loaded once per run by the caller, only when a row needs it. */
export interface ScoringResources {
  readonly japanese?: JapaneseTokenizer;
}

/** A scorer as a competition or paper defined it: its own parsers in front of its own metrics. */
export interface ScoringProfile {
  readonly name: ProfileName;
  readonly description: string;
  /** Scores one lexical item; semantic metrics come back `unscored` (the pipeline embeds them in batches). */
  scoreItem(item: ScorableItem, output: string, resources: ScoringResources): ScoredItem;
  /** The text a semantic metric embeds for this output. */
  semanticText(output: string): string;
  /** F1 of the summed counts of a micro-f1 task; a number, or the error the original raises. */
  taskMicroF1(counts: readonly { tp: number; fp: number; fn: number }[]): { value: number } | { error: string };
}
