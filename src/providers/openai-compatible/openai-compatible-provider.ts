import OpenAI from 'openai';
import { redactUrl, type GenerateRequest, type GenerateResponse, type LanguageModel, type ModelFingerprint, type TokenUsage } from '../provider';
import { ProviderCallError } from '../provider-call-error';
import { classifyOpenAIError } from './classify-openai-error';

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
  const client = new OpenAI({
    baseURL: settings.baseURL,
    apiKey: settings.apiKey ?? PLACEHOLDER_KEY,
    maxRetries: 0, // retries happen in exactly one layer: our retry middleware
    timeout: 86_400_000, // our timeout middleware aborts first
    ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
  });
  const generate = async (request: GenerateRequest): Promise<GenerateResponse> => {
    const started = performance.now();
    try {
      const { text, usage } = api === 'chat' ? await chat(client, settings.model, request) : await complete(client, settings.model, request);
      const latencyMs = performance.now() - started;
      return usage === undefined ? { text, latencyMs } : { text, latencyMs, usage };
    } catch (error) {
      throw classifyOpenAIError(error);
    }
  };
  return {
    description: { provider: 'openai-compatible', model: settings.model, endpoint: redactUrl(settings.baseURL), api },
    cacheable: true,
    generate,
    fingerprint: () => fetchFingerprint(client, settings.model),
  };
}

interface Answer {
  readonly text: string;
  readonly usage: TokenUsage | undefined;
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

async function chat(client: OpenAI, model: string, request: GenerateRequest): Promise<Answer> {
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [];
  if (request.system !== undefined) messages.push({ role: 'system', content: request.system });
  messages.push({ role: 'user', content: request.prompt });
  const completion = await client.chat.completions.create({ model, messages, ...samplingOptions(request) }, { signal: request.abortSignal ?? null });
  const text = (completion as Partial<OpenAI.Chat.ChatCompletion>).choices?.[0]?.message?.content;
  if (typeof text !== 'string') throw invalid('chat completion without choices[0].message.content');
  return { text, usage: usageOf(completion.usage) };
}

async function complete(client: OpenAI, model: string, request: GenerateRequest): Promise<Answer> {
  // plain completions have no roles: the system prompt is prepended, as the starter kit's baseline did
  const prompt = request.system === undefined ? request.prompt : request.system + request.prompt;
  const completion = await client.completions.create({ model, prompt, ...samplingOptions(request) }, { signal: request.abortSignal ?? null });
  const text = (completion as Partial<OpenAI.Completion>).choices?.[0]?.text;
  if (typeof text !== 'string') throw invalid('completion without choices[0].text');
  return { text, usage: usageOf(completion.usage) };
}

function usageOf(usage: OpenAI.CompletionUsage | undefined): TokenUsage | undefined {
  if (usage === undefined || usage === null) return undefined;
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens };
}

function invalid(message: string): ProviderCallError {
  return new ProviderCallError({ kind: 'invalid-response', message });
}

/** The /v1/models entry of the model: id, created, owned_by, and vLLM's root/parent (a LoRA adapter names its base). */
async function fetchFingerprint(client: OpenAI, model: string): Promise<ModelFingerprint | undefined> {
  let entries: Record<string, unknown>[];
  try {
    const page = await client.models.list();
    entries = page.data as unknown as Record<string, unknown>[];
  } catch {
    return undefined; // some servers do not implement /v1/models
  }
  const entry = entries.find((candidate) => candidate['id'] === model);
  if (entry === undefined) return { id: model, listed: false };
  const fingerprint: Record<string, string | number | boolean | null> = {};
  for (const field of ['id', 'created', 'owned_by', 'root', 'parent', 'max_model_len']) {
    const value = entry[field];
    if (typeof value === 'string' || typeof value === 'number' || value === null) fingerprint[field] = value;
  }
  return fingerprint;
}
