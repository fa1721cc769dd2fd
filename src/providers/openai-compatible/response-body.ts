import type OpenAI from 'openai';
import { firstTokenLogprobs, reasoningOf } from '../logprobs-shapes';
import type { TokenLogprob, TokenUsage } from '../provider';
import { ProviderCallError } from '../provider-call-error';
import type { OpenAIApi } from './request-body';

export interface OpenAIAnswer {
  /** null: the server sent `content: null`. */
  readonly text: string | null;
  readonly usage: TokenUsage | undefined;
  readonly systemFingerprint: string | undefined;
  readonly reasoning: string | undefined;
  readonly firstTokenLogprobs?: readonly TokenLogprob[];
}

/** What a completion body says: the one reader behind live calls and `batch ingest`; a malformed body is an invalid-response error. */
export function readOpenAIAnswer(api: OpenAIApi, completion: unknown, asked: { readonly logprobs: boolean }): OpenAIAnswer {
  if (typeof completion !== 'object' || completion === null) throw invalid('answer body is not a JSON object');
  const choice: unknown = (completion as { choices?: unknown[] }).choices?.[0];
  const usage = usageOf((completion as { usage?: OpenAI.CompletionUsage | null }).usage);
  if (api === 'chat') {
    const message: unknown = typeof choice === 'object' && choice !== null ? (choice as { message?: unknown }).message : undefined;
    if (typeof message !== 'object' || message === null) throw invalid('chat completion without choices[0].message');
    return {
      text: textOrNull(message, 'content', 'choices[0].message'),
      usage,
      systemFingerprint: systemFingerprintOf(completion),
      reasoning: reasoningOf(message, ['reasoning_content', 'reasoning']),
      ...(asked.logprobs
        ? {
            firstTokenLogprobs: requireLogprobs(
              firstTokenLogprobs((choice as { logprobs?: unknown }).logprobs),
              'choices[0].logprobs.content',
            ),
          }
        : {}),
    };
  }
  if (typeof choice !== 'object' || choice === null) throw invalid('completion without choices[0]');
  return {
    text: textOrNull(choice, 'text', 'choices[0]'),
    usage,
    systemFingerprint: systemFingerprintOf(completion),
    reasoning: undefined,
    ...(asked.logprobs
      ? { firstTokenLogprobs: requireLogprobs(firstTokenLogprobs((choice as { logprobs?: unknown }).logprobs), 'choices[0].logprobs') }
      : {}),
  };
}

/** A server that ignores `logprobs` (some gateways) answers without them: an error naming the field, not a silent p=0. */
function requireLogprobs(found: readonly TokenLogprob[] | undefined, path: string): readonly TokenLogprob[] {
  if (found !== undefined) return found;
  throw new ProviderCallError({
    kind: 'invalid-response',
    isRetryable: false,
    message: `asked for log-probabilities, but the answer has no ${path} (does this server support logprobs?)`,
  });
}

/** OpenAI's `system_fingerprint`: which backend configuration produced the answer (null or absent on most local servers). */
function systemFingerprintOf(completion: object): string | undefined {
  const value = (completion as { system_fingerprint?: unknown }).system_fingerprint;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The answer's text; `null` as the server sent it (a reasoning model that spent max_tokens thinking: an empty output,
 * counted apart). A body without the field is malformed, like a 5xx: retried, never cached, an API error if it persists.
 */
function textOrNull(holder: object, key: string, path: string): string | null {
  if (!(key in holder)) throw invalid(`200 answer without ${path}.${key} (a malformed body)`);
  const value = (holder as Record<string, unknown>)[key];
  if (typeof value === 'string' || value === null) return value;
  throw invalid(`${path}.${key} is not a string`);
}

function usageOf(usage: OpenAI.CompletionUsage | null | undefined): TokenUsage | undefined {
  if (usage === undefined || usage === null) return undefined;
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens };
}

function invalid(message: string): ProviderCallError {
  return new ProviderCallError({ kind: 'invalid-response', message });
}
