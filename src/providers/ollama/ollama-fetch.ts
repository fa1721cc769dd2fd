import { ProviderCallError, parseRetryAfter } from '../provider-call-error';

/**
 * The fetch handed to the `ollama` client: adds our abort signal (the client has no timeout of its own) and
 * classifies failures here, where the status and Retry-After are still visible (the client's ResponseError drops headers).
 */
export function createOllamaFetch(signal: AbortSignal | undefined, baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, ...(signal === undefined ? {} : { signal }) });
    } catch (error) {
      if (signal?.aborted === true) throw new ProviderCallError({ kind: 'aborted', message: 'request aborted', cause: error });
      throw new ProviderCallError({ kind: 'connection', message: describeConnectionError(error), cause: error });
    }
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      const retryAfterMs = parseRetryAfter(response.headers);
      throw new ProviderCallError({
        kind: 'http',
        status: response.status,
        message: errorMessage(body) ?? response.statusText,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    return response;
  };
}

/** Ollama answers errors as {"error": "..."}. */
function errorMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON: use the text
  }
  return body.trim() === '' ? undefined : body.trim().slice(0, 200);
}

function describeConnectionError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}
