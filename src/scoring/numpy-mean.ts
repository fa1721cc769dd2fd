/** numpy's float64 add.reduce works on buffers of this many elements. */
const BUFFER_SIZE = 8192;
/** numpy's PW_BLOCKSIZE: below it, eight accumulators; above it, recursion. */
const BLOCK_SIZE = 128;

/**
 * `np.mean(values)` to the last bit: numpy sums pairwise (parity README A1), not left to right,
 * so `np.mean([0.1] * 10)` is 0.1 where a naive sum gives 0.09999999999999999. NaN for an empty list, as numpy.
 */
export function numpyMean(values: ArrayLike<number>): number {
  return numpySum(values) / values.length;
}

/** `np.sum(values)` of a contiguous float64 array. */
export function numpySum(values: ArrayLike<number>): number {
  let total = 0;
  for (let start = 0; start < values.length; start += BUFFER_SIZE) {
    total += pairwiseSum(values, start, Math.min(BUFFER_SIZE, values.length - start));
  }
  return total;
}

function pairwiseSum(values: ArrayLike<number>, start: number, count: number): number {
  const at = (index: number): number => values[start + index] as number;
  if (count < 8) {
    let sum = 0;
    for (let index = 0; index < count; index += 1) sum += at(index);
    return sum;
  }
  if (count <= BLOCK_SIZE) {
    const partial = [at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7)];
    let index = 8;
    for (; index < count - (count % 8); index += 8) {
      for (let lane = 0; lane < 8; lane += 1) partial[lane] = (partial[lane] as number) + at(index + lane);
    }
    const [p0, p1, p2, p3, p4, p5, p6, p7] = partial as [number, number, number, number, number, number, number, number];
    // numpy's exact association: ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    let sum = p0 + p1 + (p2 + p3) + (p4 + p5 + (p6 + p7));
    for (; index < count; index += 1) sum += at(index);
    return sum;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, count - half);
}

/** numpy's mean of the finite numbers, NaN when there are none (e.g. a leaderboard cell none of whose runs has the score). */
export function meanOfFinite(numbers: readonly number[]): number {
  const finite = numbers.filter((value) => Number.isFinite(value));
  return finite.length > 0 ? numpyMean(finite) : Number.NaN;
}
