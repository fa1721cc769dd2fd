import {
  startFakeServer,
  sendJson,
  tokenBytes,
  topAlternatives,
  type FakeServerOptions,
  type RouteContext,
  type RunningFakeServer,
} from './fake-http-server';

const DIGEST = 'sha256:4f9f5b3c0f0d3e8c2b1a09876543210fedcba9876543210fedcba9876543210';
const DETAILS = {
  parent_model: '',
  format: 'gguf',
  family: 'llama',
  families: ['llama'],
  parameter_size: '8.0B',
  quantization_level: 'Q4_0',
};

function finalFields(prompt: string, text: string): Record<string, unknown> {
  return {
    done: true,
    done_reason: 'stop',
    total_duration: 1_000_000,
    load_duration: 10_000,
    prompt_eval_count: prompt.length,
    prompt_eval_duration: 100_000,
    eval_count: text.length,
    eval_duration: 800_000,
  };
}

export interface FakeOllamaOptions extends FakeServerOptions {
  readonly modelName?: string;
  /** The model's digest in /api/tags (server/routes.go ListHandler: the manifest's digest); `ollama create` or a pull of a new version changes it. */
  readonly digest?: string;
  /** /api/version's answer; logprobs came with 0.12.11. `null`: the route is missing (404), as on other servers. @default '0.12.11' */
  readonly version?: string | null;
  /** Reasoning sent apart from the answer, as `message.thinking` (chat) or `thinking` (generate), as `think: true` gets it. */
  readonly thinking?: (prompt: string) => string | undefined;
}

/**
 * The answer with `logprobs` when asked (`logprobs: true`, `top_logprobs: k`, server/routes.go since 0.12.11): a
 * top-level array, one entry per token, `{token, logprob, bytes, top_logprobs: [{token, logprob, bytes}]}`.
 * With num_predict 1 the answer is that one token.
 */
function ollamaLogprobs(context: RouteContext, prompt: string, answer: string): { text: string; logprobs?: unknown } {
  if (context.body['logprobs'] !== true) return { text: answer };
  const all = topAlternatives(context.options, prompt, answer, Number.MAX_SAFE_INTEGER);
  const first = all[0] ?? { token: answer, logprob: 0 };
  const options = (context.body['options'] ?? {}) as Record<string, unknown>;
  const entry = (item: { token: string; logprob: number }) => ({ token: item.token, logprob: item.logprob, bytes: tokenBytes(item.token) });
  const top = all.slice(0, Number(context.body['top_logprobs'] ?? 0)).map(entry);
  return { text: options['num_predict'] === 1 ? first.token : answer, logprobs: [{ ...entry(first), top_logprobs: top }] };
}

/** Ollama's native API: /api/chat, /api/generate (stream: false), /api/tags, /api/show. */
export function startFakeOllamaServer(options: FakeOllamaOptions = {}): Promise<RunningFakeServer> {
  const name = options.modelName ?? 'fake-model:latest';
  const createdAt = '2024-06-01T12:00:00.000000000Z';
  return startFakeServer(
    {
      'GET /api/version': ({ response, options: current }) => {
        const version = (current as FakeOllamaOptions).version;
        if (version === null) return sendJson(response, 404, { error: 'not found' });
        sendJson(response, 200, { version: version ?? '0.12.11' });
      },
      'GET /api/tags': ({ response, options: current }) =>
        // modified_at is the time the model was last written: a re-pull of the same digest changes it
        sendJson(response, 200, {
          models: [
            {
              name,
              model: name,
              modified_at: new Date().toISOString(),
              size: 4_661_224_676,
              digest: (current as FakeOllamaOptions).digest ?? DIGEST,
              details: DETAILS,
            },
          ],
        }),
      'POST /api/show': ({ response, body }) => {
        const model = String(body['model'] ?? body['name']);
        if (model !== name && `${model}:latest` !== name) return sendJson(response, 404, { error: `model '${model}' not found` });
        sendJson(response, 200, {
          modelfile: '# fake',
          parameters: 'stop "<|eot_id|>"',
          template: '{{ .Prompt }}',
          details: DETAILS,
          model_info: {},
          modified_at: createdAt,
          capabilities: ['completion'],
        });
      },
      'POST /api/chat': (context) => {
        const messages = (context.body['messages'] ?? []) as { role: string; content: string }[];
        const prompt = messages
          .filter((message) => message.role === 'user')
          .map((message) => message.content)
          .join('\n');
        const system = messages.find((message) => message.role === 'system')?.content;
        context.generation(
          prompt,
          system,
          (answer) => {
            const { text, logprobs } = ollamaLogprobs(context, prompt, answer);
            const thinking = (context.options as FakeOllamaOptions).thinking?.(prompt);
            return {
              model: context.body['model'],
              created_at: createdAt,
              message: { role: 'assistant', content: text, ...(thinking === undefined ? {} : { thinking }) },
              ...(logprobs === undefined ? {} : { logprobs }),
              ...finalFields(prompt, text),
            };
          },
          (message) => ({ error: message }),
          // Ollama's api.Message always has "content" (no omitempty): a thinking model that ran out of tokens sends ""
          () => ({
            model: context.body['model'],
            created_at: createdAt,
            message: { role: 'assistant', content: '', thinking: 'thinking...' },
            ...finalFields(prompt, ''),
          }),
          () => ({ model: context.body['model'], created_at: createdAt, message: { role: 'assistant' }, ...finalFields(prompt, '') }),
        );
      },
      'POST /api/generate': (context) => {
        const prompt = String(context.body['prompt']);
        const system = typeof context.body['system'] === 'string' ? context.body['system'] : undefined;
        context.generation(
          prompt,
          system,
          (answer) => {
            const { text, logprobs } = ollamaLogprobs(context, prompt, answer);
            const thinking = (context.options as FakeOllamaOptions).thinking?.(prompt);
            return {
              model: context.body['model'],
              created_at: createdAt,
              response: text,
              ...(thinking === undefined ? {} : { thinking }),
              ...(logprobs === undefined ? {} : { logprobs }),
              context: [1, 2, 3],
              ...finalFields(prompt, text),
            };
          },
          (message) => ({ error: message }),
          () => ({
            model: context.body['model'],
            created_at: createdAt,
            response: '',
            thinking: 'thinking...',
            ...finalFields(prompt, ''),
          }),
          () => ({ model: context.body['model'], created_at: createdAt, ...finalFields(prompt, '') }),
        );
      },
    },
    options,
  );
}

export const FAKE_OLLAMA_DIGEST = DIGEST;
