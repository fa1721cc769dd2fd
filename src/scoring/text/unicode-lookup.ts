import { PY38_DECIMAL_RUNS, PY38_LOWER_CHANGING_RUNS, PY38_NUMERIC_RANGES, PY38_UNIFIED_IDEOGRAPH_RANGES } from './unicode-tables';

/** Binary search in a flat table of rows of `width` numbers sorted by their first column; returns the row index whose start <= codePoint, or -1. */
function findRow(table: readonly number[], width: number, codePoint: number): number {
  let low = 0;
  let high = table.length / width - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((table[middle * width] ?? Infinity) <= codePoint) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function inRanges(ranges: readonly number[], codePoint: number): boolean {
  const row = findRow(ranges, 2, codePoint);
  return row >= 0 && codePoint <= (ranges[row * 2 + 1] ?? -1);
}

/** Python 3.8 `str.isnumeric()` of one code point (Unicode 12.1, Unihan numerals included). */
export function isPy38Numeric(codePoint: number): boolean {
  return inRanges(PY38_NUMERIC_RANGES, codePoint);
}

/** Python 3.8 `unicodedata.decimal(ch)`: the value of a decimal digit (category Nd), or -1. */
export function py38DecimalValue(codePoint: number): number {
  if (codePoint >= 0x30 && codePoint <= 0x39) return codePoint - 0x30;
  const row = findRow(PY38_DECIMAL_RUNS, 3, codePoint);
  if (row < 0) return -1;
  const start = PY38_DECIMAL_RUNS[row * 3] ?? 0;
  const end = PY38_DECIMAL_RUNS[row * 3 + 1] ?? -1;
  return codePoint <= end ? (PY38_DECIMAL_RUNS[row * 3 + 2] ?? 0) + (codePoint - start) : -1;
}

/** True when Python 3.8 `lower()` changes this code point (so JS may lowercase it too). */
export function py38LowerChanges(codePoint: number): boolean {
  const row = findRow(PY38_LOWER_CHANGING_RUNS, 3, codePoint);
  if (row < 0) return false;
  const start = PY38_LOWER_CHANGING_RUNS[row * 3] ?? 0;
  const count = PY38_LOWER_CHANGING_RUNS[row * 3 + 1] ?? 0;
  const step = PY38_LOWER_CHANGING_RUNS[row * 3 + 2] ?? 1;
  const offset = codePoint - start;
  return offset % step === 0 && offset / step < count;
}

/** Code points that `\N{CJK UNIFIED IDEOGRAPH-XXXX}` names in Python 3.8. */
export function isPy38UnifiedIdeograph(codePoint: number): boolean {
  return inRanges(PY38_UNIFIED_IDEOGRAPH_RANGES, codePoint);
}
