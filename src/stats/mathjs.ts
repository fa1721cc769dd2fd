// mathjs publishes its types for the ESM build only; under module node16 a CommonJS file must load the CJS build by
// require and borrow the ESM types explicitly.
type MathJs = typeof import('mathjs', { with: { 'resolution-mode': 'import' } });

// Required on first use: loading mathjs takes ~1 s and ~70 MiB, which only interval computations should pay.
function loadMathJs(): MathJs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('mathjs') as MathJs;
}

/** mathjs' quantileSeq (linear interpolation) of a non-empty list at each probability. */
export function quantileSeq(values: readonly number[], probabilities: readonly number[]): number[] {
  const bounds = loadMathJs().quantileSeq(values as number[], probabilities as number[]) as unknown as number[];
  return bounds.map(Number);
}
