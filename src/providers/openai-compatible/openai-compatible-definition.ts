import { ConfigError } from '../../errors';
import { checkBaseUrl } from '../endpoint-url';
import { defineProvider } from '../provider-definition';
import { API_FLAG, API_KEY_FLAG, BASE_URL_FLAG } from '../provider-flags';

export interface OpenAICompatibleOptions {
  /** The server, e.g. http://127.0.0.1:8000/v1. @default $OPENAI_BASE_URL */
  readonly baseURL?: string;
  /** A local server needs none. @default $OPENAI_API_KEY */
  readonly apiKey?: string;
}

/** `--provider openai-compatible`: vLLM, llama-server, LM Studio, TGI or OpenAI through the real `openai` client. */
export const OPENAI_COMPATIBLE = defineProvider<OpenAICompatibleOptions>()({
  name: 'openai-compatible',
  describe: 'An OpenAI-compatible server (vLLM, llama-server, LM Studio, TGI, OpenAI) through the `openai` client',
  answers: 'a server',
  model: { required: 'the model name the server serves' },
  flags: { 'base-url': BASE_URL_FLAG, 'api-key': API_KEY_FLAG, api: API_FLAG },
  environment: [
    { name: 'OPENAI_BASE_URL', describe: 'the server URL', flag: 'base-url', holds: 'url' },
    { name: 'OPENAI_API_KEY', describe: 'the API key', flag: 'api-key', holds: 'secret' },
  ],
  apis: ['chat', 'completions'],
  capabilities: { replicas: true, logprobs: true, predictionsFile: false },
  async create(settings, context) {
    if (settings.baseURL === undefined) {
      throw new ConfigError('openai-compatible needs the server URL', {
        hint: 'Pass --base-url (e.g. http://127.0.0.1:8000/v1) or set OPENAI_BASE_URL.',
      });
    }
    const baseURL = checkBaseUrl(settings.baseURL, { variable: 'OPENAI_BASE_URL' });
    // the adapter is required on first use: --help and the other providers never load it (or its client)
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { createOpenAICompatibleProvider } = require('./openai-compatible-provider') as typeof import('./openai-compatible-provider');
    const { createNodeHttpFetch } = require('../http/node-http-fetch') as typeof import('../http/node-http-fetch');
    /* eslint-enable @typescript-eslint/no-require-imports */
    return createOpenAICompatibleProvider({
      baseURL,
      api: context.api ?? 'chat',
      model: context.model,
      fetch: createNodeHttpFetch({ maxSockets: context.concurrency }),
      ...(settings.apiKey === undefined ? {} : { apiKey: settings.apiKey }),
    });
  },
});
