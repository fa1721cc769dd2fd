import { startFakeServer, sendJson, type FakeServerOptions, type RunningFakeServer } from './fake-http-server';

export interface FakeOpenAIOptions extends FakeServerOptions {
  /** /v1/models entries (vLLM's shape by default, with root/parent for a LoRA adapter). */
  readonly models?: readonly Record<string, unknown>[];
}

function words(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

function openAIError(message: string): unknown {
  return { error: { message, type: 'server_error', param: null, code: null } };
}

/** The OpenAI wire format as vLLM serves it: /v1/models, /v1/chat/completions, /v1/completions. */
export function startFakeOpenAIServer(options: FakeOpenAIOptions = {}): Promise<RunningFakeServer> {
  const created = 1_717_000_000;
  const models = options.models ?? [
    { id: 'fake-model', object: 'model', created, owned_by: 'vllm', root: '/models/fake-model', parent: null, max_model_len: 4096 },
  ];
  return startFakeServer(
    {
      'GET /v1/models': ({ response }) => sendJson(response, 200, { object: 'list', data: models }),
      'POST /v1/chat/completions': (context) => {
        const messages = (context.body['messages'] ?? []) as { role: string; content: string }[];
        const prompt = messages.filter((message) => message.role === 'user').map((message) => message.content).join('\n');
        const system = messages.find((message) => message.role === 'system')?.content;
        const model = String(context.body['model']);
        context.generation(
          prompt,
          system,
          (text) => ({
            id: `chatcmpl-${context.log.calls.length}`,
            object: 'chat.completion',
            created,
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: text, tool_calls: [] }, logprobs: null, finish_reason: 'stop', stop_reason: null }],
            usage: { prompt_tokens: words(prompt), total_tokens: words(prompt) + words(text), completion_tokens: words(text) },
          }),
          openAIError,
          () => ({
            id: `chatcmpl-${context.log.calls.length}`,
            object: 'chat.completion',
            created,
            model,
            // what vLLM sends when a reasoning model spends max_tokens before answering
            choices: [{ index: 0, message: { role: 'assistant', content: null, reasoning_content: 'thinking...', tool_calls: [] }, logprobs: null, finish_reason: 'length', stop_reason: null }],
            usage: { prompt_tokens: words(prompt), total_tokens: words(prompt) + 16, completion_tokens: 16 },
          }),
          // a broken gateway: the message has no content field at all
          () => ({ id: `chatcmpl-${context.log.calls.length}`, object: 'chat.completion', created, model, choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'stop' }] }),
        );
      },
      'POST /v1/completions': (context) => {
        const prompt = String(context.body['prompt']);
        const model = String(context.body['model']);
        context.generation(
          prompt,
          undefined,
          (text) => ({
            id: `cmpl-${context.log.calls.length}`,
            object: 'text_completion',
            created,
            model,
            choices: [{ index: 0, text, logprobs: null, finish_reason: 'stop', stop_reason: null }],
            usage: { prompt_tokens: words(prompt), total_tokens: words(prompt) + words(text), completion_tokens: words(text) },
          }),
          openAIError,
          undefined,
          () => ({ id: `cmpl-${context.log.calls.length}`, object: 'text_completion', created, model, choices: [{ index: 0, finish_reason: 'stop' }] }),
        );
      },
    },
    options,
  );
}
