// mathjs publishes its types for the ESM build only; under module node16 a CommonJS file must load the CJS build by
// require and borrow the ESM types explicitly.
type MathJs = typeof import('mathjs', { with: { 'resolution-mode': 'import' } });

// Required on first use: loading mathjs takes ~1 s and ~70 MiB, which only interval computations should pay.
function loadMathJs(): MathJs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('mathjs') as MathJs;
}

/**
 * mathjs' quantileSeq (linear interpolation between the closest ranks) of ascending, non-empty values at each
 * probability. Sorted by the caller and passed as sorted: unsorted, quantileSeq selects neighbours with a random pivot
 * and a tolerant comparison, so replicates one ULP apart gave bounds that changed in the last digit between processes.
 */
export function quantileSeqOfSorted(sorted: readonly number[], probabilities: readonly number[]): number[] {
  const bounds = loadMathJs().quantileSeq(sorted as number[], probabilities as number[], true) as unknown as number[];
  return bounds.map(Number);
}
