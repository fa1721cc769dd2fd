const BIGINT_MARK = '\u0000bigint:';

/**
 * JSON.stringify that writes bigints as plain JSON integers (the official parsers keep arbitrary-precision ints,
 * e.g. a retrieval answer of 99999999999999999999), instead of throwing.
 */
export function stringifyJson(value: unknown, space?: number): string {
  // most values hold no bigint: the plain call is several times faster than one with a replacer, which it throws for
  try {
    return JSON.stringify(value, null, space);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  const text = JSON.stringify(
    value,
    (_key, item: unknown) => (typeof item === 'bigint' ? `${BIGINT_MARK}${item.toString()}` : item),
    space,
  );
  return text.includes('\\u0000bigint:') ? text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1') : text;
}
