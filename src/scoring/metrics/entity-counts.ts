/** An extraction item's true positives, false positives and false negatives; micro f1 sums them over a task. */
export interface EntityCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export function sumCounts(counts: readonly EntityCounts[]): EntityCounts {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const count of counts) {
    tp += count.tp;
    fp += count.fp;
    fn += count.fn;
  }
  return { tp, fp, fn };
}
