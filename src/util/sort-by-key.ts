/** A typed array that moves with the keys (offsets, lengths, group numbers). */
type Companion = Float64Array | Uint32Array | Uint16Array | Int32Array;

/**
 * Sorts `keys[0..count)` ascending in place, each companion array's entries moving with their key: an index kept
 * beside its key without an array of pairs. Quicksort with a middle pivot (equal keys split evenly, and hash keys are
 * spread), recursing into the smaller side so the stack stays shallow, then insertion sort for short ranges.
 */
export function sortByKey(
  keys: Float64Array,
  companions: readonly [Companion] | readonly [Companion, Companion],
  count: number = keys.length,
): void {
  // the companions by name, not a loop over the list: the swap is the sort's inner step
  const [first, second] = companions;
  const swap = (a: number, b: number): void => {
    const key = keys[a] as number;
    keys[a] = keys[b] as number;
    keys[b] = key;
    const value = first[a] as number;
    first[a] = first[b] as number;
    first[b] = value;
    if (second !== undefined) {
      const other = second[a] as number;
      second[a] = second[b] as number;
      second[b] = other;
    }
  };
  const sortRange = (from: number, to: number): void => {
    let low = from;
    let high = to;
    while (high - low > 16) {
      const pivot = keys[(low + high) >>> 1] as number;
      let left = low;
      let right = high;
      while (left <= right) {
        while ((keys[left] as number) < pivot) left += 1;
        while ((keys[right] as number) > pivot) right -= 1;
        if (left <= right) swap(left++, right--);
      }
      if (right - low < high - left) {
        sortRange(low, right);
        low = left;
      } else {
        sortRange(left, high);
        high = right;
      }
    }
    for (let index = low + 1; index <= high; index += 1)
      for (let at = index; at > low && (keys[at - 1] as number) > (keys[at] as number); at -= 1) swap(at, at - 1);
  };
  sortRange(0, count - 1);
}
