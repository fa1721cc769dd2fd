/**
 * JSON.parse that keeps integers outside the safe range as bigint (JSON.parse would round
 * 99999999999999999999 to 1e20). Everything else parses as JSON.parse does.
 */
export function parseJsonLossless(text: string): unknown {
  // Re-encode every unsafe integer literal as a tagged string, let JSON.parse do the rest, then untag.
  const tag = '\u0000bigint:';
  const tokens = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  const tagged = text.replace(tokens, (token) => {
    if (token.startsWith('"') || !/^-?\d+$/.test(token)) return token;
    return Number.isSafeInteger(Number(token)) ? token : JSON.stringify(tag + token);
  });
  return JSON.parse(tagged, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(tag) ? BigInt(value.slice(tag.length)) : value,
  );
}
