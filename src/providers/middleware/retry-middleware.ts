import type { LanguageModel } from '../provider';
import { retryVerdict } from '../provider-call-error';
import { DEFAULT_RETRY, retryPolicy, withRetries, type RetryEvent, type RetrySettings } from '../retry-policy';
import { wrapLanguageModel } from './wrap-language-model';

export { DEFAULT_RETRY, type RetrySettings };
export const DEFAULT_MAX_ATTEMPTS = DEFAULT_RETRY.maxAttempts;

/** Retries retryable failures (408/409/429/5xx, connection, timeout, malformed body) with the retry policy; the only retry layer for items. */
export function retryMiddleware(model: LanguageModel, settings: RetrySettings = {}, onRetry?: (event: RetryEvent) => void): LanguageModel {
  const policy = retryPolicy(settings);
  return wrapLanguageModel(model, (request, next) =>
    withRetries(policy, async (attempt) => ({ ...(await next(request)), attempts: attempt }), {
      classify: retryVerdict,
      signal: request.abortSignal,
      onRetry,
    }),
  );
}
