/** A figure beside its target: `0.42 s (target < 0.5 s: met)`. Benchmarks print every #10 target this way. */
export interface Target {
  /** What the figure must stay under (`<`) or reach (`>=`). */
  readonly comparison: '<' | '<=' | '>=';
  readonly limit: number;
  readonly unit: string;
}

export function meets(value: number, target: Target): boolean {
  if (!Number.isFinite(value)) return false;
  return target.comparison === '<' ? value < target.limit : target.comparison === '<=' ? value <= target.limit : value >= target.limit;
}

/** `target < 0.5 s: met` (or `NOT met`), to print next to the figure. */
export function verdict(value: number, target: Target): string {
  const unit = target.unit === '' ? '' : ` ${target.unit}`;
  return `target ${target.comparison} ${target.limit.toLocaleString('en-US')}${unit}: ${meets(value, target) ? 'met' : 'NOT met'}`;
}
