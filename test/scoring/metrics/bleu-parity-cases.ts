import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The bleu / jp-bleu cases of fixtures/parity/cases-public.jsonl, with the fields these tests read. */
export interface BleuParityCase {
  readonly id: string;
  readonly metric: 'bleu' | 'jp-bleu';
  readonly output: string;
  readonly truth: string;
  readonly kddcup2024: {
    readonly parsed: string;
    readonly score: number;
    readonly debug: {
      readonly first_line: string;
      readonly hyp_tokenized: string;
      readonly ref_tokenized: string;
      readonly counts: number[];
      readonly totals: number[];
      readonly precisions: number[];
      readonly bp: number;
      readonly sys_len: number;
      readonly ref_len: number;
      readonly sacrebleu_score: number;
    };
  };
  readonly shoppingmmlu: { readonly score: number };
}

export function loadBleuParityCases(): BleuParityCase[] {
  const text = readFileSync(join(__dirname, '../../../fixtures/parity/cases-public.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { metric: string })
    .filter((item): item is BleuParityCase => item.metric === 'bleu' || item.metric === 'jp-bleu');
}
