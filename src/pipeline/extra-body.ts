import { ConfigError } from '../errors';

/**
 * Body fields shopeval sets itself (OpenAI chat and completions, Ollama chat and generate), or that would change the
 * shape of the answer it reads: `--extra-body` may not set them, so a setting is never silently overridden.
 */
export const RESERVED_BODY_KEYS: Readonly<Record<string, string>> = {
  model: '--model',
  messages: "the row's prompt",
  prompt: "the row's prompt",
  system: '--system-prompt',
  stream: 'shopeval (answers are read whole)',
  stream_options: 'shopeval (answers are read whole)',
  n: 'shopeval (one answer per item)',
  temperature: '--temperature',
  max_tokens: '--max-tokens',
  max_completion_tokens: '--max-tokens',
  stop: '--stop',
  seed: '--seed',
  top_p: '--top-p',
  top_k: '--top-k',
  presence_penalty: '--presence-penalty',
  frequency_penalty: '--frequency-penalty',
  logprobs: '--mc-scoring logprobs',
  top_logprobs: '--mc-scoring logprobs',
  echo: 'shopeval (the answer must not repeat the prompt)',
  options: 'the sampling flags (Ollama options)',
};

/** `--extra-body '{"guided_choice": ["0", "1"]}'`: a JSON object without any key shopeval sets itself. */
export function parseExtraBody(text: string, where = '--extra-body'): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${where}: not valid JSON (${(cause as Error).message})`, {
      cause,
      hint: `Give one JSON object, e.g. ${where} '{"response_format": {"type": "json_object"}}'.`,
    });
  }
  return checkExtraBody(value, where);
}

/** The library's form: an object already parsed, checked the same way. */
export function checkExtraBody(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${where}: expected a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`, {
      hint: 'Give the server-specific fields as one object, e.g. {"guided_choice": ["0", "1", "2", "3"]}.',
    });
  }
  for (const key of Object.keys(value)) {
    const owner = Object.hasOwn(RESERVED_BODY_KEYS, key) ? RESERVED_BODY_KEYS[key] : undefined;
    if (owner !== undefined)
      throw new ConfigError(`${where}: "${key}" is set by shopeval itself`, {
        hint: `Use ${owner} instead, and leave "${key}" out of the extra body.`,
      });
  }
  return value as Record<string, unknown>;
}
