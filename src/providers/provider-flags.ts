import type { ProviderFlag } from './provider-definition';

/** The flags two or more providers read, declared once here and referenced from each provider's definition. */

/** `--base-url`: the server; several values are replicas when the provider allows them. */
export const BASE_URL_FLAG = {
  option: 'baseURL',
  spec: {
    type: 'list',
    group: 'model',
    describe:
      'Server URL, e.g. http://127.0.0.1:8000/v1; repeat it for replicas of one checkpoint (each request goes to the least-busy one)',
  },
} as const satisfies ProviderFlag<'baseURL'>;

/** `--api-key`: command line only, so a config file never holds a key. */
export const API_KEY_FLAG = {
  option: 'apiKey',
  spec: {
    type: 'string',
    group: 'model',
    configurable: false,
    describe: 'API key; never written to any file (prefer the environment variable: a flag shows in the process list)',
  },
} as const satisfies ProviderFlag<'apiKey'>;

/** `--api`: its choices and help are the providers' `apis` (provider-flag-table.ts fills them in). */
export const API_FLAG = {
  option: 'api',
  spec: { type: 'choice', choices: [] as readonly string[], group: 'model', describe: 'Endpoint' },
} as const satisfies ProviderFlag<'api'>;
