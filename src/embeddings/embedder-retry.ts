import type { RetrySettings } from '../providers/retry-policy';

/** Embedding endpoints are asked a batch at a time: three attempts (the openai client's own default before it was switched off). */
export const DEFAULT_EMBEDDER_RETRY = { maxAttempts: 3 } as const satisfies RetrySettings;
