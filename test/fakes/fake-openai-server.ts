import { randomUUID } from 'node:crypto';
import { openAIBatchRoutes } from './fake-openai-batch-api';
import {
  startFakeServer,
  sendJson,
  tokenBytes,
  topAlternatives,
  type FakeServerOptions,
  type FakeTokenLogprob,
  type RouteContext,
  type RouteHandler,
  type RunningFakeServer,
} from './fake-http-server';

/**
 * Which OpenAI-compatible server the fake imitates, quirks included (read from the servers' own code):
 * - vllm: /v1/models cards from vllm/entrypoints/openai/protocol.py ModelCard: `created` defaults to the time of the
 *   request and each `permission` gets a fresh random id; `root` is the weights' path, `parent` a LoRA's base.
 * - llama-server: tools/server handle_models: `created` is std::time(0) on every call, `owned_by` "llamacpp", `meta`
 *   holds the GGUF's vocab_type/n_vocab/n_ctx_train/n_embd/n_params/size; /props at the root; answers carry a
 *   `system_fingerprint` (the build); /models and /chat/completions also answer without /v1.
 * - lm-studio: `{id, object, owned_by: "organization_owner"}` and nothing else: the name is the only identity.
 * - openai: hosted OpenAI: stable `created`, `owned_by` "system", a `system_fingerprint` on every answer.
 */
export type OpenAIFlavour = 'vllm' | 'llama-server' | 'lm-studio' | 'openai';

export interface FakeOpenAIOptions extends FakeServerOptions {
  readonly flavour?: OpenAIFlavour;
  /** The served model name. @default 'fake-model' */
  readonly modelName?: string;
  /** /v1/models entries as given (overrides the flavour's). */
  readonly models?: readonly Record<string, unknown>[];
  /** vllm: the weights' path (`root`); llama-server: the GGUF's path (/props model_path). */
  readonly weightsPath?: string;
  /** llama-server: `meta` of the loaded GGUF. */
  readonly meta?: Readonly<Record<string, number>>;
  /** llama-server and openai: the `system_fingerprint` of every answer. */
  readonly systemFingerprint?: string;
  /** Answer 404 `model_not_found` to a completion for another model name, as vLLM does. @default false (some servers alias names) */
  readonly rejectUnknownModels?: boolean;
  /** Serve the hosted files and batches endpoints too (fake-openai-batch-api.ts). @default false */
  readonly batchApi?: boolean;
  /**
   * Reasoning sent apart from the answer: vLLM's reasoning parsers put it in `message.reasoning` (renamed from
   * `reasoning_content`, removed in vllm#33402), llama-server's --reasoning-format deepseek in `message.reasoning_content`.
   */
  readonly reasoning?: (prompt: string) => string | undefined;
}

/**
 * The first token and its logprobs, when the request asks for them (chat: `logprobs: true` + `top_logprobs`;
 * completions: `logprobs: k`). With max_tokens 1 the answer is that one token, as on a real server at temperature 0.
 */
function withLogprobs(
  context: RouteContext,
  prompt: string,
  text: string,
  asked: number | undefined,
): { text: string; first?: FakeTokenLogprob; top: FakeTokenLogprob[] } {
  if (asked === undefined) return { text, top: [] };
  const all = topAlternatives(context.options, prompt, text, Number.MAX_SAFE_INTEGER);
  const first = all[0] ?? { token: text, logprob: 0 };
  return { text: context.body['max_tokens'] === 1 ? first.token : text, first, top: all.slice(0, asked) };
}

/** A token entry as chat answers carry it (all flavours; llama-server adds the token id, vllm/entrypoints/openai/protocol.py ChatCompletionLogProb has none). */
function tokenEntry(options: FakeOpenAIOptions, item: FakeTokenLogprob): Record<string, unknown> {
  const id = (options.flavour ?? 'vllm') === 'llama-server' ? { id: 1000 + (item.token.codePointAt(item.token.length - 1) ?? 0) } : {};
  return { ...id, token: item.token, logprob: item.logprob, bytes: tokenBytes(item.token) };
}

function contentLogprobs(options: FakeOpenAIOptions, first: FakeTokenLogprob, top: readonly FakeTokenLogprob[]): unknown {
  return { content: [{ ...tokenEntry(options, first), top_logprobs: top.map((item) => tokenEntry(options, item)) }] };
}

/** Completions: vLLM (and OpenAI) send the legacy lists; llama-server sends the chat shape (server-task.cpp to_json_oaicompat). */
function completionLogprobs(options: FakeOpenAIOptions, first: FakeTokenLogprob, top: readonly FakeTokenLogprob[]): unknown {
  if ((options.flavour ?? 'vllm') === 'llama-server') return contentLogprobs(options, first, top);
  return {
    text_offset: [0],
    token_logprobs: [first.logprob],
    tokens: [first.token],
    top_logprobs: [Object.fromEntries(top.map((item) => [item.token, item.logprob]))],
  };
}

/** vLLM's answer to a completion naming a model it does not serve. */
function unknownModel(context: RouteContext): boolean {
  const options = context.options as FakeOpenAIOptions;
  const model = String(context.body['model']);
  if (options.rejectUnknownModels !== true || model === (options.modelName ?? 'fake-model')) return false;
  sendJson(context.response, 404, {
    error: { message: `The model \`${model}\` does not exist.`, type: 'NotFoundError', param: null, code: 404 },
  });
  return true;
}

const LLAMA_META = { vocab_type: 1, n_vocab: 32000, n_ctx_train: 4096, n_embd: 64, n_params: 4_180_000, size: 16_720_000 };

function words(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

function openAIError(message: string): unknown {
  return { error: { message, type: 'server_error', param: null, code: null } };
}

/** Seconds since the epoch, as the servers' `created` (from the test's clock, so a test moves time on without sleeping). */
function now(options: FakeOpenAIOptions): number {
  return Math.floor((options.clock ?? Date.now)() / 1000);
}

function modelEntries(options: FakeOpenAIOptions): readonly Record<string, unknown>[] {
  if (options.models !== undefined) return options.models;
  const id = options.modelName ?? 'fake-model';
  switch (options.flavour ?? 'vllm') {
    case 'vllm': {
      const permission = {
        id: `modelperm-${randomUUID().replace(/-/g, '')}`,
        object: 'model_permission',
        created: now(options),
        allow_create_engine: false,
        allow_sampling: true,
        allow_logprobs: true,
        allow_search_indices: false,
        allow_view: true,
        allow_fine_tuning: false,
        organization: '*',
        group: null,
        is_blocking: false,
      };
      return [
        {
          id,
          object: 'model',
          created: now(options),
          owned_by: 'vllm',
          root: options.weightsPath ?? `/models/${id}`,
          parent: null,
          max_model_len: 4096,
          permission: [permission],
        },
      ];
    }
    case 'llama-server':
      return [{ id, object: 'model', created: now(options), owned_by: 'llamacpp', meta: options.meta ?? LLAMA_META }];
    case 'lm-studio':
      return [{ id, object: 'model', owned_by: 'organization_owner' }];
    case 'openai':
      return [{ id, object: 'model', created: 1_721_172_741, owned_by: 'system' }];
  }
}

function fingerprintField(options: FakeOpenAIOptions): Record<string, unknown> {
  const flavour = options.flavour ?? 'vllm';
  if (flavour === 'llama-server') return { system_fingerprint: options.systemFingerprint ?? 'b6000-0123abcd' };
  if (flavour === 'openai') return { system_fingerprint: options.systemFingerprint ?? 'fp_44709d6fcb' };
  return {};
}

function chatCompletion(context: RouteContext): void {
  if (unknownModel(context)) return;
  const options = context.options as FakeOpenAIOptions;
  const messages = (context.body['messages'] ?? []) as { role: string; content: string }[];
  const prompt = messages
    .filter((message) => message.role === 'user')
    .map((message) => message.content)
    .join('\n');
  const system = messages.find((message) => message.role === 'system')?.content;
  const model = String(context.body['model']);
  const base = () => ({
    id: `chatcmpl-${context.log.calls.length}`,
    object: 'chat.completion',
    created: now(options),
    model,
    ...fingerprintField(options),
  });
  const asked = context.body['logprobs'] === true ? Number(context.body['top_logprobs'] ?? 0) : undefined;
  context.generation(
    prompt,
    system,
    (answer) => {
      const { text, first, top } = withLogprobs(context, prompt, answer, asked);
      const reasoning = options.reasoning?.(prompt);
      const reasoningField = (options.flavour ?? 'vllm') === 'vllm' ? 'reasoning' : 'reasoning_content';
      return {
        ...base(),
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: text,
              ...(reasoning === undefined ? {} : { [reasoningField]: reasoning }),
              tool_calls: [],
            },
            logprobs: first === undefined ? null : contentLogprobs(options, first, top),
            finish_reason: 'stop',
            stop_reason: null,
          },
        ],
        usage: { prompt_tokens: words(prompt), total_tokens: words(prompt) + words(text), completion_tokens: words(text) },
      };
    },
    openAIError,
    () => ({
      ...base(),
      // what vLLM sends when a reasoning model spends max_tokens before answering
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, reasoning_content: 'thinking...', tool_calls: [] },
          logprobs: null,
          finish_reason: 'length',
          stop_reason: null,
        },
      ],
      usage: { prompt_tokens: words(prompt), total_tokens: words(prompt) + 16, completion_tokens: 16 },
    }),
    // a broken gateway: the message has no content field at all
    () => ({ ...base(), choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'stop' }] }),
  );
}

function completion(context: RouteContext): void {
  if (unknownModel(context)) return;
  const options = context.options as FakeOpenAIOptions;
  const prompt = String(context.body['prompt']);
  const model = String(context.body['model']);
  const asked = typeof context.body['logprobs'] === 'number' ? context.body['logprobs'] : undefined;
  context.generation(
    prompt,
    undefined,
    (answer) => {
      const { text, first, top } = withLogprobs(context, prompt, answer, asked);
      return {
        id: `cmpl-${context.log.calls.length}`,
        object: 'text_completion',
        created: now(options),
        model,
        ...fingerprintField(options),
        choices: [
          {
            index: 0,
            text,
            logprobs: first === undefined ? null : completionLogprobs(options, first, top),
            finish_reason: 'stop',
            stop_reason: null,
          },
        ],
        usage: { prompt_tokens: words(prompt), total_tokens: words(prompt) + words(text), completion_tokens: words(text) },
      };
    },
    openAIError,
    undefined,
    () => ({
      id: `cmpl-${context.log.calls.length}`,
      object: 'text_completion',
      created: now(options),
      model,
      ...fingerprintField(options),
      choices: [{ index: 0, finish_reason: 'stop' }],
    }),
  );
}

/** The OpenAI wire format as vLLM (default), llama-server, LM Studio or hosted OpenAI serve it. */
export async function startFakeOpenAIServer(options: FakeOpenAIOptions = {}): Promise<RunningFakeServer> {
  const list: RouteHandler = ({ response, options: current }) =>
    sendJson(response, 200, { object: 'list', data: modelEntries(current as FakeOpenAIOptions) });
  const routes: Record<string, RouteHandler> = {
    'GET /v1/models': list,
    'POST /v1/chat/completions': chatCompletion,
    'POST /v1/completions': completion,
  };
  if ((options.flavour ?? 'vllm') === 'llama-server') {
    // llama-server answers with and without the /v1 prefix, and keeps /props at the root
    routes['GET /models'] = list;
    routes['POST /chat/completions'] = chatCompletion;
    routes['POST /completions'] = completion;
    routes['GET /props'] = ({ response, options: current }) => {
      const own = current as FakeOpenAIOptions;
      sendJson(response, 200, {
        default_generation_settings: { n_ctx: 4096, params: { temperature: 0.8 } },
        total_slots: 1,
        model_path: own.weightsPath ?? '/models/fake-model.gguf',
        chat_template: '{% for message in messages %}<|{{ message.role }}|>\n{{ message.content }}</s>\n{% endfor %}<|assistant|>\n',
        build_info: own.systemFingerprint ?? 'b6000-0123abcd',
      });
    };
  }
  let self = '';
  if (options.batchApi === true)
    Object.assign(
      routes,
      openAIBatchRoutes(() => self),
    );
  const server = await startFakeServer(routes, options);
  self = server.url;
  return server;
}
