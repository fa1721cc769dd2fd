import type OpenAI from 'openai';
import { loadOpenAI } from '../../util/load-clients';
import { defined } from '../../util/defined';
import { type GenerateRequest, type GenerateResponse, type LanguageModel } from '../provider';
import { registerSecret, registerUrlSecrets } from '../redact-secrets';
import { classifyOpenAIError } from './classify-openai-error';
import { probeOpenAIModels } from './probe-openai-models';
import { openAIRequestBody, type OpenAIApi } from './request-body';
import { readOpenAIAnswer, type OpenAIAnswer } from './response-body';

export interface OpenAICompatibleSettings {
  /** e.g. http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:8080/v1 (llama-server). */
  readonly baseURL: string;
  readonly model: string;
  /** Omit for a local server: a placeholder is sent (the client insists on one) and never recorded. */
  readonly apiKey?: string;
  /** @default 'chat' */
  readonly api?: 'chat' | 'completions';
  /** Injectable for tests and proxies. */
  readonly fetch?: typeof fetch;
}

const PLACEHOLDER_KEY = 'shopeval-no-key';

/** An OpenAI-compatible server (vLLM, llama-server, LM Studio, TGI, OpenAI) through the real `openai` client. */
export function createOpenAICompatibleProvider(settings: OpenAICompatibleSettings): LanguageModel {
  const api = settings.api ?? 'chat';
  const secrets = settings.apiKey === undefined ? [] : [settings.apiKey];
  registerSecret(settings.apiKey);
  const endpoint = registerUrlSecrets(settings.baseURL);
  const client = new (loadOpenAI().OpenAI)({
    baseURL: settings.baseURL,
    apiKey: settings.apiKey ?? PLACEHOLDER_KEY,
    maxRetries: 0, // retries happen in exactly one layer: our retry middleware
    timeout: 86_400_000, // our timeout middleware aborts first
    ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
  });
  const generate = async (request: GenerateRequest): Promise<GenerateResponse> => {
    const started = performance.now();
    try {
      const { text, usage, systemFingerprint, reasoning, firstTokenLogprobs } = await answer(client, api, settings.model, request);
      const latencyMs = performance.now() - started;
      const response: GenerateResponse = {
        text: text ?? '',
        latencyMs,
        ...defined({ usage, systemFingerprint, reasoning, firstTokenLogprobs }),
      };
      return text === null ? { ...response, nullContent: true } : response;
    } catch (error) {
      throw classifyOpenAIError(error, secrets);
    }
  };
  return {
    description: { provider: 'openai-compatible', model: settings.model, endpoint, api },
    cacheable: true,
    logprobs: true,
    generate,
    probe: ({ timeoutMs }) =>
      probeOpenAIModels({
        client,
        model: settings.model,
        baseURL: settings.baseURL,
        endpoint,
        timeoutMs,
        secrets,
        ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
      }),
  };
}

/** One call through the client; the body is built and the answer read by the functions `batch export` and `batch ingest` share. */
async function answer(client: OpenAI, api: OpenAIApi, model: string, request: GenerateRequest): Promise<OpenAIAnswer> {
  const options = { signal: request.abortSignal ?? null };
  const completion: unknown =
    api === 'chat'
      ? await client.chat.completions.create(openAIRequestBody('chat', model, request), options)
      : await client.completions.create(openAIRequestBody('completions', model, request), options);
  return readOpenAIAnswer(api, completion, { logprobs: request.settings.topLogprobs !== undefined });
}
