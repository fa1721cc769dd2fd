/** Bounds this close to 0 are 0: summation noise (-1e-17) must not count as an interval excluding 0. */
export const ZERO_TOLERANCE = 1e-9;
