/**
 * The interval level that keeps the family-wise error rate at `1 - level` over `comparisons` intervals (Bonferroni):
 * 1 - (1 - level) / comparisons. A gate that checks k scores at 95% each fires on noise far more often than 5%.
 */
export function bonferroniLevel(level: number, comparisons: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`interval level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(comparisons) || comparisons < 1) throw new RangeError(`comparisons must be a positive integer, got ${comparisons}`);
  return 1 - (1 - level) / comparisons;
}
