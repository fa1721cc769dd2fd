const BIGINT_MARK = '\u0000bigint:';

/**
 * JSON.stringify that writes bigints as plain JSON integers (the official parsers keep arbitrary-precision ints,
 * e.g. a retrieval answer of 99999999999999999999), instead of throwing.
 */
export function stringifyJson(value: unknown, space?: number): string {
  const text = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${BIGINT_MARK}${item.toString()}` : item), space);
  return text.includes('\\u0000bigint:') ? text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1') : text;
}
