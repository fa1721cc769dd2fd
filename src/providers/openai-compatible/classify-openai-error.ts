import type { APIConnectionError } from 'openai';
import { loadOpenAI } from '../../util/load-clients';
import { ProviderCallError, isNamed, parseRetryAfter } from '../provider-call-error';

/** Maps what the `openai` client throws onto our error kinds (its classes: one per status, connection, timeout, abort). */
export function classifyOpenAIError(error: unknown, secrets: readonly string[] = []): ProviderCallError {
  if (error instanceof ProviderCallError) return error;
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } = loadOpenAI();
  if (error instanceof APIUserAbortError) return new ProviderCallError({ kind: 'aborted', message: 'request aborted', cause: error });
  if (error instanceof APIConnectionTimeoutError)
    return new ProviderCallError({ kind: 'timeout', message: error.message, cause: error, secrets });
  if (error instanceof APIConnectionError)
    return new ProviderCallError({ kind: 'connection', message: connectionMessage(error), cause: error, secrets });
  if (error instanceof APIError && typeof error.status === 'number') {
    const retryAfterMs = parseRetryAfter(error.headers);
    const message = error.message.replace(/^\d{3}\s*/, '');
    return new ProviderCallError({
      kind: 'http',
      status: error.status,
      message,
      cause: error,
      secrets,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (isNamed(error, 'SyntaxError'))
    return new ProviderCallError({ kind: 'invalid-response', message: `malformed JSON body: ${error.message}`, cause: error, secrets });
  if (isNamed(error, 'TypeError')) return new ProviderCallError({ kind: 'connection', message: error.message, cause: error, secrets });
  return new ProviderCallError({
    kind: 'invalid-response',
    message: error instanceof Error ? error.message : String(error),
    isRetryable: false,
    cause: error,
    secrets,
  });
}

function connectionMessage(error: APIConnectionError): string {
  const cause =
    error.cause instanceof Error ? (error.cause.cause instanceof Error ? error.cause.cause.message : error.cause.message) : undefined;
  return cause === undefined ? error.message : `${error.message} (${cause})`;
}
