import { ProviderError } from '../errors';
import type { ProviderCallError } from '../providers/provider-call-error';

/** How many first items must all fail for good before a run stops. */
export const CIRCUIT_BREAKER_ITEMS = 10;

/**
 * Watches the first items a run finishes: when every one of them failed with an error no retry can fix
 * (400/401/403/404/422...), the request itself is wrong and the other items would fail the same way.
 */
export function createCircuitBreaker(
  threshold: number = CIRCUIT_BREAKER_ITEMS,
): (error: ProviderCallError | undefined) => ProviderError | undefined {
  let finished = 0;
  let failedForGood = 0;
  let first: string | undefined;
  return (error) => {
    if (finished >= threshold) return undefined;
    finished += 1;
    if (error !== undefined && !error.isRetryable && error.kind !== 'aborted') {
      failedForGood += 1;
      first ??= error.describe();
    }
    if (finished < threshold || failedForGood < threshold || first === undefined) return undefined;
    return new ProviderError(`the first ${threshold} items all failed with errors a retry cannot fix, the first: ${first}`, {
      isRetryable: false,
      hint: 'Fix the request (model name, --api, --base-url path, key, settings) and run the corrected command with the same --out: answers logged so far are kept, and a directory with no answer yet simply takes the corrected settings.',
    });
  };
}
