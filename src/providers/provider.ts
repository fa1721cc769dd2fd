import type { MetricName, TaskType } from '../dataset/row';
import type { ServerIdentity } from './identity/checkpoint-identity';
import type { Replicas } from './pool/replica-set';

/** What a builtin baseline may know about the item it answers (servers never see it). */
export interface RequestItem {
  readonly id: string;
  /** Undefined for a test-set row that does not say. */
  readonly taskType: TaskType | undefined;
  readonly metric: MetricName | undefined;
  readonly taskName: string;
  readonly track: string;
  readonly isMultipleChoice: boolean | undefined;
}

/** Generation settings; every field is part of the cache key and of the run manifest. */
export interface GenerationSettings {
  /** @default 0 */
  readonly temperature: number;
  readonly maxTokens?: number;
  readonly stop?: readonly string[];
  readonly seed?: number;
  /** Nucleus sampling (OpenAI `top_p`, Ollama `options.top_p`). */
  readonly topP?: number;
  /** Top-k sampling (`top_k`: vLLM, llama-server and Ollama; hosted OpenAI refuses it). */
  readonly topK?: number;
  readonly presencePenalty?: number;
  readonly frequencyPenalty?: number;
  /** Server-specific body fields (vLLM guided decoding, `response_format`), sent as given; never a field shopeval sets. */
  readonly extraBody?: Readonly<Record<string, unknown>>;
  /** Ask for this many most probable alternatives of each generated token (log-probability multiple choice). */
  readonly topLogprobs?: number;
}

/** One candidate token and its natural-log probability, as the server spelled it (leading space included). */
export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
}

/** One earlier message of a chat between the system prompt and the final user message (few-shot turns, a chat template). */
export interface ChatTurn {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

export interface GenerateRequest {
  /** The final user message: the row's input_field as is by default. */
  readonly prompt: string;
  readonly system?: string;
  /** Messages between the system prompt and `prompt`; APIs without roles get them as plain text (see flattenTurns). */
  readonly turns?: readonly ChatTurn[];
  readonly settings: GenerationSettings;
  /** Data for one provider only, keyed by provider name: never sent to a server (see ProviderRequestOptions). */
  readonly providerOptions?: ProviderRequestOptions;
  readonly abortSignal?: AbortSignal;
}

/**
 * Per-request data that only one provider reads, keyed by its name (vercel/ai's providerOptions): each adapter reads
 * its own key and ignores the others; a provider that needs something per request adds its key here.
 */
export interface ProviderRequestOptions {
  /** The builtin baselines: the lexical one reads the task type, the random one looks its draw up by id. */
  readonly builtin?: { readonly item: RequestItem };
  /** replay: the row whose prediction answers. */
  readonly replay?: { readonly id: string };
  /** openai-batch (batch ingest): the row whose batch result answers. */
  readonly 'openai-batch'?: { readonly id: string };
}

/** A row's request item: the fields the local answerers read, and nothing else of the row. */
export function requestItemOf(row: Partial<RequestItem> & Pick<RequestItem, 'id' | 'taskName' | 'track'>): RequestItem {
  return {
    id: row.id,
    taskType: row.taskType,
    metric: row.metric,
    taskName: row.taskName,
    track: row.track,
    isMultipleChoice: row.isMultipleChoice,
  };
}

/** The provider options of a row's request: every local answerer's key (servers read none of them). */
export function rowProviderOptions(item: RequestItem): ProviderRequestOptions {
  return { builtin: { item }, replay: { id: item.id }, 'openai-batch': { id: item.id } };
}

/** Per-response data that only one provider produces, keyed by its name (vercel/ai's providerMetadata). */
export interface ProviderResponseMetadata {
  /** replay: the file had no prediction for the row (scored as an empty output and counted, as `shopeval score` does). */
  readonly replay?: { readonly missingPrediction: true };
}

export interface TokenUsage {
  readonly promptTokens?: number;
  readonly completionTokens?: number;
}

export interface GenerateResponse {
  readonly text: string;
  /** Wall time of the successful call (or of the original call, for a cache hit). */
  readonly latencyMs: number;
  readonly usage?: TokenUsage;
  /** Calls made for this answer, set by the retry middleware (1 when the first call succeeded). */
  readonly attempts?: number;
  /** True when the answer came from the response cache. */
  readonly cached?: boolean;
  /** What one provider says about this answer (replay: a missing prediction), keyed by provider name. */
  readonly providerMetadata?: ProviderResponseMetadata;
  /** The backend configuration an OpenAI answer names (`system_fingerprint`), recorded per item. */
  readonly systemFingerprint?: string;
  /** True when the server answered with null text (a reasoning model cut at max tokens): an empty output, counted apart. */
  readonly nullContent?: boolean;
  /** The most probable tokens at the first generated position, when `settings.topLogprobs` asked for them. */
  readonly firstTokenLogprobs?: readonly TokenLogprob[];
  /** Reasoning the server returned apart from the answer (`reasoning_content`, `reasoning`, Ollama's `thinking`). */
  readonly reasoning?: string;
}

/** Settings of a provider that are safe to record: never a key or an authorization header. */
export interface ProviderDescription {
  readonly provider: string;
  readonly model: string;
  readonly endpoint?: string;
  readonly api?: string;
  readonly [setting: string]: string | number | boolean | undefined;
}

/** What a server said about itself before any item was sent. */
export interface EndpointProbe {
  /** Stable facts about the served checkpoint; undefined only when a retry may still get them (`transient`). */
  readonly identity: ServerIdentity | undefined;
  /** The models the server lists, when it lists some and the requested one is not among them. */
  readonly unlistedAmong?: readonly string[];
  /** The probe failed in a way a retry may fix (408/409/429/5xx): ask again before going on without a fingerprint. */
  readonly transient?: boolean;
}

/** The one spec every adapter implements; middleware wraps it, the runner depends on it only. */
export interface LanguageModel {
  readonly description: ProviderDescription;
  /** False for providers that answer locally (builtin, replay): caching them gains nothing. */
  readonly cacheable: boolean;
  /** True when it answers `settings.topLogprobs` with `firstTokenLogprobs` (servers do; builtin and replay cannot). */
  readonly logprobs?: boolean;
  generate(request: GenerateRequest): Promise<GenerateResponse>;
  /**
   * Asks the server what checkpoint it serves, within `timeoutMs`. Throws a ProviderError (from src/errors) when the
   * server cannot be reached or refuses the credentials, so a dead endpoint fails before any item is sent.
   */
  probe?(options: { readonly timeoutMs: number }): Promise<EndpointProbe>;
  /** Several servers of this one checkpoint (repeated --base-url): applyMiddleware spreads the calls over them. */
  readonly replicas?: Replicas;
}

/** The turns and the prompt as one text, for APIs without roles: each message's content followed by a blank line. */
export function flattenTurns(request: Pick<GenerateRequest, 'turns' | 'prompt'>): string {
  return (request.turns ?? []).map((turn) => `${turn.content}\n\n`).join('') + request.prompt;
}

/** An endpoint URL safe to record (userinfo and query string dropped): one owner, in redact-secrets. */
export { redactUrl } from './redact-secrets';
