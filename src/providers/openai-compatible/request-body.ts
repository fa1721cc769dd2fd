import type OpenAI from 'openai';
import { flattenTurns, type GenerateRequest } from '../provider';

export type OpenAIApi = 'chat' | 'completions';

/** The path each API is served at, as a batch input line's `url` names it. */
export const OPENAI_API_PATHS: Readonly<Record<OpenAIApi, string>> = { chat: '/v1/chat/completions', completions: '/v1/completions' };

export type OpenAIRequestBody = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming | OpenAI.CompletionCreateParamsNonStreaming;

/**
 * The JSON body of one request: the one builder behind live calls and `batch export`, so every prompt and generation
 * setting a request carries reaches a batch file too.
 */
export function openAIRequestBody(api: 'chat', model: string, request: GenerateRequest): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
export function openAIRequestBody(api: 'completions', model: string, request: GenerateRequest): OpenAI.CompletionCreateParamsNonStreaming;
export function openAIRequestBody(api: OpenAIApi, model: string, request: GenerateRequest): OpenAIRequestBody;
export function openAIRequestBody(api: OpenAIApi, model: string, request: GenerateRequest): OpenAIRequestBody {
  const top = request.settings.topLogprobs;
  if (api === 'chat') {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      ...(request.system === undefined ? [] : [{ role: 'system' as const, content: request.system }]),
      ...(request.turns ?? []).map((turn) => ({ role: turn.role, content: turn.content })),
      { role: 'user', content: request.prompt },
    ];
    const body = { model, messages, ...samplingOptions(request), ...(top === undefined ? {} : { logprobs: true, top_logprobs: top }) };
    return body as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
  }
  // plain completions have no roles: the system prompt (as the starter kit's baseline did) and any turns are prepended as text
  const prompt = (request.system ?? '') + flattenTurns(request);
  const body = { model, prompt, ...samplingOptions(request), ...(top === undefined ? {} : { logprobs: top }) };
  return body as OpenAI.CompletionCreateParamsNonStreaming;
}

type SamplingFields = Record<string, unknown> & { temperature: number };

/** The body fields of the settings, the server-specific extra body last (its keys never overlap ours: checked at resolve time). */
function samplingOptions(request: GenerateRequest): SamplingFields {
  const { temperature, maxTokens, stop, seed, topP, topK, presencePenalty, frequencyPenalty, extraBody } = request.settings;
  return {
    temperature,
    ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
    ...(stop === undefined || stop.length === 0 ? {} : { stop: [...stop] }),
    ...(seed === undefined ? {} : { seed }),
    ...(topP === undefined ? {} : { top_p: topP }),
    ...(topK === undefined ? {} : { top_k: topK }), // not OpenAI's: vLLM and llama-server read it
    ...(presencePenalty === undefined ? {} : { presence_penalty: presencePenalty }),
    ...(frequencyPenalty === undefined ? {} : { frequency_penalty: frequencyPenalty }),
    ...extraBody,
  };
}
