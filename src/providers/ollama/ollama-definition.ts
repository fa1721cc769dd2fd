import { normaliseOllamaHost } from '../endpoint-url';
import { defineProvider } from '../provider-definition';
import { API_FLAG, BASE_URL_FLAG } from '../provider-flags';

export interface OllamaOptions {
  /** The Ollama server. @default $OLLAMA_HOST, else http://127.0.0.1:11434 */
  readonly baseURL?: string;
}

/** The ollama client's own default. */
const DEFAULT_HOST = 'http://127.0.0.1:11434';

/** `--provider ollama`: Ollama's native API through the real `ollama` client. */
export const OLLAMA = defineProvider<OllamaOptions>()({
  name: 'ollama',
  describe: "An Ollama server's native API (/api/chat, /api/generate) through the `ollama` client",
  answers: 'a server',
  model: { required: 'the model name the server serves' },
  flags: { 'base-url': BASE_URL_FLAG, api: API_FLAG },
  environment: [{ name: 'OLLAMA_HOST', describe: 'the server (host:port or a URL)', flag: 'base-url', holds: 'url' }],
  apis: ['chat', 'generate'],
  capabilities: { replicas: true, logprobs: true, predictionsFile: false },
  async create(settings, context) {
    const host = normaliseOllamaHost(settings.baseURL ?? DEFAULT_HOST);
    // the adapter is required on first use: --help and the other providers never load it (or its client)
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { createOllamaProvider } = require('./ollama-provider') as typeof import('./ollama-provider');
    const { createNodeHttpFetch } = require('../http/node-http-fetch') as typeof import('../http/node-http-fetch');
    /* eslint-enable @typescript-eslint/no-require-imports */
    return createOllamaProvider({
      host,
      api: context.api ?? 'chat',
      model: context.model,
      fetch: createNodeHttpFetch({ maxSockets: context.concurrency }),
      ...(context.needsLogprobs ? { needsLogprobs: true } : {}),
    });
  },
});
