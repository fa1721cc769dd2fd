import type OpenAI from 'openai';
import { loadOpenAI } from '../../util/load-clients';
import { defined } from '../../util/defined';
import { firstTokenLogprobs, reasoningOf } from '../logprobs-shapes';
import { flattenTurns, type GenerateRequest, type GenerateResponse, type LanguageModel, type TokenLogprob, type TokenUsage } from '../provider';
import { ProviderCallError } from '../provider-call-error';
import { registerSecret, registerUrlSecrets } from '../redact-secrets';
import { classifyOpenAIError } from './classify-openai-error';
import { probeOpenAIModels } from './probe-openai-models';

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
  const answer = api === 'chat' ? chat : complete;
  const generate = async (request: GenerateRequest): Promise<GenerateResponse> => {
    const started = performance.now();
    try {
      const { text, usage, systemFingerprint, reasoning, firstTokenLogprobs } = await answer(client, settings.model, request);
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
      probeOpenAIModels({ client, model: settings.model, baseURL: settings.baseURL, endpoint, timeoutMs, secrets, ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }) }),
  };
}

interface Answer {
  /** null: the server sent `content: null`. */
  readonly text: string | null;
  readonly usage: TokenUsage | undefined;
  readonly systemFingerprint: string | undefined;
  readonly reasoning: string | undefined;
  readonly firstTokenLogprobs?: readonly TokenLogprob[];
}

/** OpenAI's `system_fingerprint`: which backend configuration produced the answer (null or absent on most local servers). */
function systemFingerprintOf(completion: unknown): string | undefined {
  const value = (completion as { system_fingerprint?: unknown }).system_fingerprint;
  return typeof value === 'string' && value !== '' ? value : undefined;
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

async function chat(client: OpenAI, model: string, request: GenerateRequest): Promise<Answer> {
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
    ...(request.system === undefined ? [] : [{ role: 'system' as const, content: request.system }]),
    ...(request.turns ?? []).map((turn) => ({ role: turn.role, content: turn.content })),
    { role: 'user', content: request.prompt },
  ];
  const top = request.settings.topLogprobs;
  const body = { model, messages, ...samplingOptions(request), ...(top === undefined ? {} : { logprobs: true, top_logprobs: top }) };
  const completion = await client.chat.completions.create(body as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, { signal: request.abortSignal ?? null });
  const choice = (completion as Partial<OpenAI.Chat.ChatCompletion>).choices?.[0];
  const message: unknown = choice?.message;
  if (typeof message !== 'object' || message === null) throw invalid('chat completion without choices[0].message');
  return {
    text: textOrNull(message, 'content', 'choices[0].message'),
    usage: usageOf(completion.usage),
    systemFingerprint: systemFingerprintOf(completion),
    reasoning: reasoningOf(message, ['reasoning_content', 'reasoning']),
    ...(top === undefined ? {} : { firstTokenLogprobs: requireLogprobs(firstTokenLogprobs(choice?.logprobs), 'choices[0].logprobs.content') }),
  };
}

async function complete(client: OpenAI, model: string, request: GenerateRequest): Promise<Answer> {
  // plain completions have no roles: the system prompt is prepended, as the starter kit's baseline did
  // plain completions have no roles: the system prompt and any turns are prepended as text
  const prompt = (request.system ?? '') + flattenTurns(request);
  const top = request.settings.topLogprobs;
  const body = { model, prompt, ...samplingOptions(request), ...(top === undefined ? {} : { logprobs: top }) };
  const completion = await client.completions.create(body as OpenAI.CompletionCreateParamsNonStreaming, { signal: request.abortSignal ?? null });
  const choice: unknown = (completion as Partial<OpenAI.Completion>).choices?.[0];
  if (typeof choice !== 'object' || choice === null) throw invalid('completion without choices[0]');
  return {
    text: textOrNull(choice, 'text', 'choices[0]'),
    usage: usageOf(completion.usage),
    systemFingerprint: systemFingerprintOf(completion),
    reasoning: undefined,
    ...(top === undefined ? {} : { firstTokenLogprobs: requireLogprobs(firstTokenLogprobs((choice as { logprobs?: unknown }).logprobs), 'choices[0].logprobs') }),
  };
}

/** A server that ignores `logprobs` (some gateways) answers without them: an error naming the field, not a silent p=0. */
function requireLogprobs(found: readonly TokenLogprob[] | undefined, path: string): readonly TokenLogprob[] {
  if (found !== undefined) return found;
  throw new ProviderCallError({ kind: 'invalid-response', isRetryable: false, message: `asked for log-probabilities, but the answer has no ${path} (does this server support logprobs?)` });
}

/**
 * The answer's text; `null` as the server sent it (a reasoning model that spent max_tokens thinking: an empty output,
 * counted apart). A body without the field is malformed, like a 5xx: retried, never cached, an API error if it persists.
 */
function textOrNull(holder: object, key: string, path: string): string | null {
  if (!(key in holder)) throw invalid(`200 answer without ${path}.${key} (a malformed body)`);
  const value = (holder as Record<string, unknown>)[key];
  if (typeof value === 'string' || value === null) return value;
  throw invalid(`${path}.${key} is not a string`);
}

function usageOf(usage: OpenAI.CompletionUsage | undefined): TokenUsage | undefined {
  if (usage === undefined || usage === null) return undefined;
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens };
}

function invalid(message: string): ProviderCallError {
  return new ProviderCallError({ kind: 'invalid-response', message });
}
