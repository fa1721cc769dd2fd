import type { TokenLogprob } from './provider';

/**
 * The top alternatives at the first generated position, from any of the shapes servers send:
 * - chat (OpenAI, vLLM, llama-server), llama-server's /v1/completions too, and Ollama (an array at the top level):
 *   `content: [{token, logprob, bytes, top_logprobs: [{token, logprob, bytes}]}]`;
 * - legacy completions (OpenAI, vLLM): `{tokens, token_logprobs, top_logprobs: [{"token": logprob}], text_offset}`.
 * Undefined when the holder has none of them (the server ignored the request for logprobs).
 */
export function firstTokenLogprobs(holder: unknown): readonly TokenLogprob[] | undefined {
  if (Array.isArray(holder)) return entryAlternatives(holder[0]);
  if (typeof holder !== 'object' || holder === null) return undefined;
  const { content, top_logprobs: legacy } = holder as { content?: unknown; top_logprobs?: unknown };
  if (Array.isArray(content)) return entryAlternatives(content[0]);
  if (Array.isArray(legacy)) {
    const first: unknown = legacy[0];
    if (typeof first !== 'object' || first === null) return undefined;
    // a JSON object's order is lost anyway (digit-only keys such as "2" come first in JS): most probable first again
    return Object.entries(first as Record<string, unknown>)
      .flatMap(([token, logprob]) => (typeof logprob === 'number' ? [{ token, logprob }] : []))
      .sort((a, b) => b.logprob - a.logprob);
  }
  return undefined;
}

/** One position's alternatives; the sampled token itself is added when the server left it out of its top list. */
function entryAlternatives(entry: unknown): readonly TokenLogprob[] | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { token, logprob, top_logprobs: top } = entry as { token?: unknown; logprob?: unknown; top_logprobs?: unknown };
  const alternatives = (Array.isArray(top) ? top : []).flatMap((item: unknown) => {
    const candidate = item as { token?: unknown; logprob?: unknown } | null;
    return typeof candidate?.token === 'string' && typeof candidate.logprob === 'number'
      ? [{ token: candidate.token, logprob: candidate.logprob }]
      : [];
  });
  if (typeof token === 'string' && typeof logprob === 'number' && !alternatives.some((item) => item.token === token))
    alternatives.push({ token, logprob });
  return alternatives;
}

/** The reasoning text a server returned apart from the answer, under the first of `keys` it uses. */
export function reasoningOf(holder: unknown, keys: readonly string[]): string | undefined {
  if (typeof holder !== 'object' || holder === null) return undefined;
  for (const key of keys) {
    const value = (holder as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
