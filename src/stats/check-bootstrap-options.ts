import { ConfigError } from '../errors';

export interface BootstrapOptions {
  /** Number of bootstrap resamples (default 1000). */
  readonly resamples: number;
  /** PRNG seed; the same seed and data give the same intervals (default 0). */
  readonly seed: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapOptions = { resamples: 1000, seed: 0 };

/** Rejects bootstrap settings that would silently produce no interval (0 resamples) or an unreproducible seed. */
export function checkBootstrapOptions(options: { readonly resamples: number; readonly seed: number }): void {
  if (!Number.isInteger(options.resamples) || options.resamples < 1) {
    throw new ConfigError(`--resamples must be a positive integer, got ${String(options.resamples)}`, {
      hint: 'e.g. --resamples 1000 (the default).',
    });
  }
  if (!Number.isSafeInteger(options.seed)) {
    throw new ConfigError(`--seed must be an integer, got ${String(options.seed)}`, { hint: 'e.g. --seed 0 (the default).' });
  }
}
