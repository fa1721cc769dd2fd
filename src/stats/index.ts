export { createSeededRandom, resampleIndices, type RandomSource } from './seeded-random';
export { contributionsScore, rollUp, type Contribution } from '../scoring/roll-up';
export { percentileInterval, type Interval } from './percentile-interval';
export {
  bootstrapScores,
  differenceReplicates,
  DEFAULT_BOOTSTRAP,
  type BootstrapOptions,
  type BootstrapTask,
  type BootstrapReplicates,
} from './bootstrap-scores';
export { bonferroniLevel } from './bonferroni-level';
export { checkBootstrapOptions } from './check-bootstrap-options';
