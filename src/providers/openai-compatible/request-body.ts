import type OpenAI from 'openai';
import type { GenerateRequest } from '../provider';

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
  if (api === 'chat') {
    const user: OpenAI.Chat.ChatCompletionMessageParam = { role: 'user', content: request.prompt };
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = request.system === undefined ? [user] : [{ role: 'system', content: request.system }, user];
    return { model, messages, ...samplingOptions(request) };
  }
  // plain completions have no roles: the system prompt is prepended, as the starter kit's baseline did
  const prompt = request.system === undefined ? request.prompt : request.system + request.prompt;
  return { model, prompt, ...samplingOptions(request) };
}

function samplingOptions(request: GenerateRequest): { temperature: number; max_tokens?: number; stop?: string[]; seed?: number } {
  const { temperature, maxTokens, stop, seed } = request.settings;
  return {
    temperature,
    ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
    ...(stop === undefined || stop.length === 0 ? {} : { stop: [...stop] }),
    ...(seed === undefined ? {} : { seed }),
  };
}
