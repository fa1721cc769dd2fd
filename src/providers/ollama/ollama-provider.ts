import { Ollama } from 'ollama';
import { redactUrl, type GenerateRequest, type GenerateResponse, type LanguageModel, type ModelFingerprint, type TokenUsage } from '../provider';
import { ProviderCallError, isNamed } from '../provider-call-error';
import { createOllamaFetch } from './ollama-fetch';

export interface OllamaSettings {
  /** e.g. http://127.0.0.1:11434 (OLLAMA_HOST). */
  readonly host: string;
  readonly model: string;
  /** @default 'chat' (/api/chat); 'generate' uses /api/generate */
  readonly api?: 'chat' | 'generate';
  readonly fetch?: typeof fetch;
}

interface OllamaAnswer {
  readonly message?: { readonly content?: unknown };
  readonly response?: unknown;
  readonly prompt_eval_count?: unknown;
  readonly eval_count?: unknown;
}

/** Ollama's native API through the real `ollama` client; one light client per call so each carries its own abort signal. */
export function createOllamaProvider(settings: OllamaSettings): LanguageModel {
  const api = settings.api ?? 'chat';
  const clientFor = (signal: AbortSignal | undefined): Ollama =>
    new Ollama({ host: settings.host, fetch: createOllamaFetch(signal, settings.fetch) });
  const generate = async (request: GenerateRequest): Promise<GenerateResponse> => {
    const client = clientFor(request.abortSignal);
    const options = ollamaOptions(request);
    const started = performance.now();
    let answer: OllamaAnswer;
    try {
      answer =
        api === 'chat'
          ? await client.chat({ model: settings.model, messages: messagesOf(request), stream: false, options })
          : await client.generate({ model: settings.model, prompt: request.prompt, ...(request.system === undefined ? {} : { system: request.system }), stream: false, options });
    } catch (error) {
      throw classify(error, request.abortSignal);
    }
    const text = api === 'chat' ? answer.message?.content : answer.response;
    if (typeof text !== 'string') throw new ProviderCallError({ kind: 'invalid-response', message: `Ollama /api/${api} answer without text` });
    const latencyMs = performance.now() - started;
    const usage = usageOf(answer);
    return usage === undefined ? { text, latencyMs } : { text, latencyMs, usage };
  };
  return {
    description: { provider: 'ollama', model: settings.model, endpoint: redactUrl(settings.host), api },
    cacheable: true,
    generate,
    fingerprint: () => fetchFingerprint(clientFor(undefined), settings.model),
  };
}

function messagesOf(request: GenerateRequest): { role: string; content: string }[] {
  const messages = request.system === undefined ? [] : [{ role: 'system', content: request.system }];
  return [...messages, { role: 'user', content: request.prompt }];
}

function ollamaOptions(request: GenerateRequest): { temperature: number; num_predict?: number; stop?: string[]; seed?: number } {
  const { temperature, maxTokens, stop, seed } = request.settings;
  return {
    temperature,
    ...(maxTokens === undefined ? {} : { num_predict: maxTokens }),
    ...(stop === undefined || stop.length === 0 ? {} : { stop: [...stop] }),
    ...(seed === undefined ? {} : { seed }),
  };
}

function usageOf(answer: OllamaAnswer): TokenUsage | undefined {
  const promptTokens = typeof answer.prompt_eval_count === 'number' ? answer.prompt_eval_count : undefined;
  const completionTokens = typeof answer.eval_count === 'number' ? answer.eval_count : undefined;
  if (promptTokens === undefined && completionTokens === undefined) return undefined;
  return { ...(promptTokens === undefined ? {} : { promptTokens }), ...(completionTokens === undefined ? {} : { completionTokens }) };
}

function classify(error: unknown, signal: AbortSignal | undefined): ProviderCallError {
  if (error instanceof ProviderCallError) return error;
  if (signal?.aborted === true) return new ProviderCallError({ kind: 'aborted', message: 'request aborted', cause: error });
  if (isNamed(error, 'SyntaxError')) return new ProviderCallError({ kind: 'invalid-response', message: `malformed JSON body: ${error.message}`, cause: error });
  // the body stream broke after the headers (a dropped connection)
  if (isNamed(error, 'TypeError')) return new ProviderCallError({ kind: 'connection', message: error.message, cause: error });
  return new ProviderCallError({ kind: 'invalid-response', message: error instanceof Error ? error.message : String(error), isRetryable: false, cause: error });
}

/** The model's digest from /api/tags, plus family, size and quantisation from /api/show. */
async function fetchFingerprint(client: Ollama, model: string): Promise<ModelFingerprint | undefined> {
  try {
    const tags = await client.list();
    const wanted = model.includes(':') ? model : `${model}:latest`;
    const entry = tags.models.find((candidate) => candidate.name === model || candidate.name === wanted || candidate.model === wanted);
    if (entry === undefined) return { name: model, listed: false };
    const shown = await client.show({ model }).catch(() => undefined);
    const details = shown?.details ?? entry.details;
    return {
      name: entry.name,
      digest: entry.digest,
      size: entry.size,
      family: details?.family ?? null,
      parameter_size: details?.parameter_size ?? null,
      quantization_level: details?.quantization_level ?? null,
    };
  } catch {
    return undefined;
  }
}
