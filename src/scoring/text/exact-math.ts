/**
 * Correctly rounded `exp` and `log` for binary64, so BLEU matches CPython's `math.exp` / `math.log`
 * (parity README N1: V8's Math.exp / Math.log are off by 1-4 ulp in ~10% of the BLEU cases).
 *
 * Both functions evaluate in double-double arithmetic (~104 bits) and round once at the end; a wrong
 * rounding needs the exact value within ~2^-50 ulp of a midpoint, which we never expect to meet.
 * Checked against Python's decimal module on 20k inputs (fixtures/exact-math/exp-log-reference.tsv).
 */

/** An unevaluated sum hi + lo with |lo| <= ulp(hi) / 2. */
interface DoubleDouble {
  readonly hi: number;
  readonly lo: number;
}

/** Veltkamp splitter 2^27 + 1: splits a double into two 26-bit halves for an exact product. */
const SPLITTER = 134217729;

/** ln 2 as a triple-double (decimal module, 80 digits). */
const LN2_HI = 0.6931471805599453;
const LN2_MID = 2.3190468138462996e-17;
const LN2_LO = 5.707708438416212e-34;

function twoSum(a: number, b: number): DoubleDouble {
  const sum = a + b;
  const bVirtual = sum - a;
  return { hi: sum, lo: a - (sum - bVirtual) + (b - bVirtual) };
}

function quickTwoSum(a: number, b: number): DoubleDouble {
  const sum = a + b;
  return { hi: sum, lo: b - (sum - a) };
}

function twoProduct(a: number, b: number): DoubleDouble {
  const product = a * b;
  const aSplit = SPLITTER * a;
  const aHigh = aSplit - (aSplit - a);
  const aLow = a - aHigh;
  const bSplit = SPLITTER * b;
  const bHigh = bSplit - (bSplit - b);
  const bLow = b - bHigh;
  return { hi: product, lo: aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow };
}

function add(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const high = twoSum(x.hi, y.hi);
  const low = twoSum(x.lo, y.lo);
  const first = quickTwoSum(high.hi, high.lo + low.hi);
  return quickTwoSum(first.hi, first.lo + low.lo);
}

function multiply(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const product = twoProduct(x.hi, y.hi);
  return quickTwoSum(product.hi, product.lo + (x.hi * y.lo + x.lo * y.hi));
}

function divideByDouble(x: DoubleDouble, divisor: number): DoubleDouble {
  const quotient = x.hi / divisor;
  const back = twoProduct(quotient, divisor);
  const remainder = x.hi - back.hi - back.lo + x.lo;
  return quickTwoSum(quotient, remainder / divisor);
}

function negate(x: DoubleDouble): DoubleDouble {
  return { hi: -x.hi, lo: -x.lo };
}

/** 1 / (2k + 1) for the atanh series of log. */
const ATANH_COEFFICIENTS: readonly DoubleDouble[] = Array.from({ length: 26 }, (_unused, k) => divideByDouble({ hi: 1, lo: 0 }, 2 * k + 1));

/** 1 / n! for the Taylor series of exp. */
const EXP_COEFFICIENTS: readonly DoubleDouble[] = (() => {
  const coefficients: DoubleDouble[] = [{ hi: 1, lo: 0 }];
  for (let n = 1; n <= 27; n += 1) {
    const previous = coefficients[n - 1] as DoubleDouble;
    coefficients.push(divideByDouble(previous, n));
  }
  return coefficients;
})();

/** k * ln 2 as a double-double (k is a small integer, so the products are exact). */
function multipleOfLn2(k: number): DoubleDouble {
  return add(add(twoProduct(k, LN2_HI), twoProduct(k, LN2_MID)), { hi: k * LN2_LO, lo: 0 });
}

/**
 * Horner's rule in double-double: accumulator = accumulator * variable + coefficient, from the highest coefficient.
 * The same float operations as `add(multiply(accumulator, variable), coefficient)`, written out on local numbers
 * because the pair objects per step were the allocation the BLEU profile showed.
 */
function evaluatePolynomial(coefficients: readonly DoubleDouble[], variable: DoubleDouble): DoubleDouble {
  const last = coefficients[coefficients.length - 1] as DoubleDouble;
  let hi = last.hi;
  let lo = last.lo;
  const yHi = variable.hi;
  const yLo = variable.lo;
  const ySplit = SPLITTER * yHi;
  const yHigh = ySplit - (ySplit - yHi);
  const yLow = yHi - yHigh;
  for (let index = coefficients.length - 2; index >= 0; index -= 1) {
    const coefficient = coefficients[index] as DoubleDouble;
    // multiply: twoProduct(hi, yHi), then quickTwoSum with the cross terms
    const product = hi * yHi;
    const aSplit = SPLITTER * hi;
    const aHigh = aSplit - (aSplit - hi);
    const aLow = hi - aHigh;
    const productLo = aHigh * yHigh - product + aHigh * yLow + aLow * yHigh + aLow * yLow;
    const tail = productLo + (hi * yLo + lo * yHi);
    const mHi = product + tail;
    const mLo = tail - (mHi - product);
    // add: twoSum of the highs, twoSum of the lows, two quickTwoSums
    const sum = mHi + coefficient.hi;
    const sumVirtual = sum - mHi;
    const sumLo = mHi - (sum - sumVirtual) + (coefficient.hi - sumVirtual);
    const low = mLo + coefficient.lo;
    const lowVirtual = low - mLo;
    const lowLo = mLo - (low - lowVirtual) + (coefficient.lo - lowVirtual);
    const firstTail = sumLo + low;
    const firstHi = sum + firstTail;
    const firstLo = firstTail - (firstHi - sum);
    const secondTail = firstLo + lowLo;
    hi = firstHi + secondTail;
    lo = secondTail - (hi - firstHi);
  }
  return { hi, lo };
}

/** Natural logarithm, correctly rounded (round half to even), like glibc's `log` almost always is. */
export function correctlyRoundedLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  let exponent = 0;
  let mantissa = x;
  if (mantissa < 2 ** -1022) {
    mantissa *= 2 ** 54;
    exponent -= 54;
  }
  const estimate = Math.floor(Math.log2(mantissa));
  mantissa *= 2 ** -estimate;
  exponent += estimate;
  while (mantissa >= 2) {
    mantissa /= 2;
    exponent += 1;
  }
  while (mantissa < 1) {
    mantissa *= 2;
    exponent -= 1;
  }
  // keep the mantissa in [sqrt(1/2), sqrt(2)] so log(mantissa) never cancels against exponent * ln 2
  if (mantissa > Math.SQRT2) {
    mantissa /= 2;
    exponent += 1;
  }
  // log(m) = 2 atanh(s), s = (m - 1) / (m + 1); m - 1 is exact (Sterbenz)
  const numerator = mantissa - 1;
  const denominator = twoSum(mantissa, 1);
  const quotient = numerator / denominator.hi;
  const back = twoProduct(quotient, denominator.hi);
  const remainder = numerator - back.hi - back.lo - quotient * denominator.lo;
  const s = quickTwoSum(quotient, remainder / denominator.hi);
  const series = evaluatePolynomial(ATANH_COEFFICIENTS, multiply(s, s));
  const logMantissa = multiply(multiply(s, series), { hi: 2, lo: 0 });
  const result = add(multipleOfLn2(exponent), logMantissa);
  return result.hi + result.lo;
}

/** Rounds (hi + lo) * 2^scale into the subnormal range: an integer multiple of 2^-1074, ties to even. */
function roundSubnormal(value: DoubleDouble, scale: number): number {
  const toUnits = 2 ** (scale + 1074);
  const units = value.hi * toUnits;
  const unitsLow = value.lo * toUnits;
  let whole = Math.floor(units);
  const fraction = units - whole + unitsLow;
  if (fraction > 0.5 || (fraction === 0.5 && whole % 2 === 1)) whole += 1;
  else if (fraction < -0.5 || (fraction === -0.5 && whole % 2 === 1)) whole -= 1;
  return whole * Number.MIN_VALUE;
}

/** e^x, correctly rounded (round half to even), like glibc's `exp` almost always is. */
export function correctlyRoundedExp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 710) return Number.POSITIVE_INFINITY;
  if (x < -746) return 0;
  const k = Math.round(x / LN2_HI);
  const reduced = add(twoSum(x, 0), negate(multipleOfLn2(k)));
  const expReduced = evaluatePolynomial(EXP_COEFFICIENTS, reduced);
  const rounded = quickTwoSum(expReduced.hi, expReduced.lo);
  if (k >= -1021) {
    // scaling by a power of two is exact in the normal range; two steps because 2^1024 overflows
    const half = Math.trunc(k / 2);
    return (rounded.hi + rounded.lo) * 2 ** half * 2 ** (k - half);
  }
  return roundSubnormal(rounded, k);
}
