import { ProviderError } from '../errors';
import type { ProviderCallError } from './provider-call-error';

/** Where the user fixes an endpoint: the flags and environment variables of one adapter. */
export interface EndpointSettingNames {
  /** e.g. 'OPENAI_BASE_URL' or 'OLLAMA_HOST'. */
  readonly baseUrlVariable: string;
  /** e.g. 'OPENAI_API_KEY'; omitted when the adapter takes no key. */
  readonly apiKeyVariable?: string;
}

/**
 * The error that stops a run before any item is sent, for a probe failure that retrying items cannot fix:
 * the server is unreachable or silent, or it refuses the credentials. Anything else (e.g. no /v1/models) is undefined.
 */
export function probeFailure(error: ProviderCallError, endpoint: string, names: EndpointSettingNames): ProviderError | undefined {
  if (error.kind === 'connection' || error.kind === 'timeout' || error.kind === 'aborted') {
    return new ProviderError(
      `cannot reach ${endpoint}: start the server or fix --base-url / ${names.baseUrlVariable} (${error.describe()})`,
      {
        // a later probe may pass (the server is starting): the start-up probe retries it under its policy
        isRetryable: true,
        hint: 'Nothing was requested; the run can start once the server answers.',
      },
    );
  }
  if (error.status === 401 || error.status === 403) {
    const keyAdvice =
      names.apiKeyVariable === undefined
        ? 'check the credentials the server (or a proxy in front of it) expects'
        : `pass the right key with --api-key or ${names.apiKeyVariable}`;
    return new ProviderError(`${endpoint} refused the request (${error.describe()}): ${keyAdvice}`, {
      isRetryable: false,
      status: error.status,
    });
  }
  return undefined;
}
