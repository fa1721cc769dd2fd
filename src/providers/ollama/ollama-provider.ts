import type { Ollama } from 'ollama';
import { loadOllama } from '../../util/load-clients';
import { defined } from '../../util/defined';
import { firstTokenLogprobs, reasoningOf } from '../logprobs-shapes';
import {
  flattenTurns,
  type GenerateRequest,
  type GenerateResponse,
  type LanguageModel,
  type TokenLogprob,
  type TokenUsage,
} from '../provider';
import { ProviderCallError, isNamed } from '../provider-call-error';
import { registerUrlSecrets } from '../redact-secrets';
import { createOllamaFetch } from './ollama-fetch';
import { probeOllamaModel } from './probe-ollama-model';

export interface OllamaSettings {
  /** e.g. http://127.0.0.1:11434 (OLLAMA_HOST). */
  readonly host: string;
  readonly model: string;
  /** @default 'chat' (/api/chat); 'generate' uses /api/generate */
  readonly api?: 'chat' | 'generate';
  readonly fetch?: typeof fetch;
  /** The run asks for log-probabilities: the probe checks the server's version offers them (Ollama 0.12.11 and later). */
  readonly needsLogprobs?: boolean;
}

interface OllamaAnswer {
  readonly message?: { readonly content?: unknown; readonly thinking?: unknown };
  readonly response?: unknown;
  readonly thinking?: unknown;
  readonly logprobs?: unknown;
  readonly prompt_eval_count?: unknown;
  readonly eval_count?: unknown;
  readonly done?: unknown;
}

/** Ollama's native API through the real `ollama` client; one light client per call so each carries its own abort signal. */
export function createOllamaProvider(settings: OllamaSettings): LanguageModel {
  const api = settings.api ?? 'chat';
  const endpoint = registerUrlSecrets(settings.host);
  const clientFor = (signal: AbortSignal | undefined): Ollama =>
    new (loadOllama().Ollama)({ host: settings.host, fetch: createOllamaFetch(signal, settings.fetch) });
  const generate = async (request: GenerateRequest): Promise<GenerateResponse> => {
    const client = clientFor(request.abortSignal);
    const options = ollamaOptions(request);
    const top = request.settings.topLogprobs;
    // extra body fields go at the top level, like Ollama's own `format` and `think`; ours are never among them
    const common = {
      ...request.settings.extraBody,
      stream: false as const,
      options,
      ...(top === undefined ? {} : { logprobs: true, top_logprobs: top }),
    };
    const started = performance.now();
    let answer: OllamaAnswer;
    try {
      answer =
        api === 'chat'
          ? await client.chat({ ...common, model: settings.model, messages: messagesOf(request) })
          : await client.generate({
              ...common,
              model: settings.model,
              prompt: flattenTurns(request),
              ...(request.system === undefined ? {} : { system: request.system }),
            });
    } catch (error) {
      throw classify(error, request.abortSignal);
    }
    const text = textOf(answer, api);
    const latencyMs = performance.now() - started;
    const usage = usageOf(answer);
    const reasoning = reasoningOf(api === 'chat' ? answer.message : answer, ['thinking']);
    const response: GenerateResponse = {
      text: text ?? '',
      latencyMs,
      ...defined({ usage, reasoning }),
      ...(top === undefined ? {} : { firstTokenLogprobs: logprobsOf(answer) }),
    };
    return text === null ? { ...response, nullContent: true } : response;
  };
  return {
    description: { provider: 'ollama', model: settings.model, endpoint, api },
    cacheable: true,
    logprobs: true,
    generate,
    probe: ({ timeoutMs }) =>
      probeOllamaModel({ clientFor, model: settings.model, endpoint, timeoutMs, needsLogprobs: settings.needsLogprobs === true }),
  };
}

/**
 * The answer's text, or null when the server sent `null` (counted apart as an empty output). A body without the field
 * is malformed: an invalid-response error, retried like a 5xx and never cached.
 */
function textOf(answer: OllamaAnswer, api: 'chat' | 'generate'): string | null {
  const holder: unknown = api === 'chat' ? answer.message : answer;
  const key = api === 'chat' ? 'content' : 'response';
  if (typeof holder === 'object' && holder !== null && key in holder) {
    const text = (holder as Record<string, unknown>)[key];
    if (typeof text === 'string' || text === null) return text;
  }
  throw new ProviderCallError({
    kind: 'invalid-response',
    message: `Ollama /api/${api} 200 answer without ${api === 'chat' ? 'message.content' : 'response'} text (a malformed body)`,
  });
}

function messagesOf(request: GenerateRequest): { role: string; content: string }[] {
  const messages = request.system === undefined ? [] : [{ role: 'system', content: request.system }];
  return [
    ...messages,
    ...(request.turns ?? []).map((turn) => ({ role: turn.role, content: turn.content })),
    { role: 'user', content: request.prompt },
  ];
}

/** Ollama's `options` names for the settings (api/types.go Options). */
function ollamaOptions(request: GenerateRequest): Record<string, number | string[]> {
  const { temperature, maxTokens, stop, seed, topP, topK, presencePenalty, frequencyPenalty } = request.settings;
  return {
    temperature,
    ...(maxTokens === undefined ? {} : { num_predict: maxTokens }),
    ...(stop === undefined || stop.length === 0 ? {} : { stop: [...stop] }),
    ...defined({ seed, top_p: topP, top_k: topK, presence_penalty: presencePenalty, frequency_penalty: frequencyPenalty }),
  };
}

/** Ollama (0.12.11+) answers `logprobs: [{token, logprob, bytes, top_logprobs}]` at the top level; none at all: an error, not p=0. */
function logprobsOf(answer: OllamaAnswer): readonly TokenLogprob[] {
  const found = firstTokenLogprobs(answer.logprobs);
  if (found !== undefined) return found;
  throw new ProviderCallError({
    kind: 'invalid-response',
    isRetryable: false,
    message: 'asked for log-probabilities, but the Ollama answer has no logprobs (Ollama 0.12.11 or later is needed)',
  });
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
  if (isNamed(error, 'SyntaxError'))
    return new ProviderCallError({ kind: 'invalid-response', message: `malformed JSON body: ${error.message}`, cause: error });
  // the body stream broke after the headers (a dropped connection)
  if (isNamed(error, 'TypeError')) return new ProviderCallError({ kind: 'connection', message: error.message, cause: error });
  return new ProviderCallError({
    kind: 'invalid-response',
    message: error instanceof Error ? error.message : String(error),
    isRetryable: false,
    cause: error,
  });
}
