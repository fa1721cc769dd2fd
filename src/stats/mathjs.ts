// mathjs publishes its types for the ESM build only; under module node16 a CommonJS file must load the CJS build by
// require and borrow the ESM types explicitly.
type MathJs = typeof import('mathjs', { with: { 'resolution-mode': 'import' } });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const mathjs = require('mathjs') as MathJs;

/** The statistics this project takes from mathjs. */
export const { mean, quantileSeq } = mathjs;
