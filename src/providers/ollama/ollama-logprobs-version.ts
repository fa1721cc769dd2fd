import type { Ollama } from 'ollama';
import { ConfigError } from '../../errors';

/** Ollama v0.12.11 added `logprobs` and `top_logprobs` to /api/chat and /api/generate (release notes, api/types.go). */
export const OLLAMA_LOGPROBS_VERSION = [0, 12, 11] as const;

/** `0.12.11`, `v0.13.0-rc1` -> [0, 12, 11]; undefined when it is no version. */
export function parseOllamaVersion(text: string): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])];
}

function atLeast(version: readonly number[], minimum: readonly number[]): boolean {
  for (let index = 0; index < minimum.length; index += 1) {
    const have = version[index] ?? 0;
    const need = minimum[index] ?? 0;
    if (have !== need) return have > need;
  }
  return true;
}

/**
 * Asks /api/version before any item is sent: an older server ignores `logprobs` and would answer every item without
 * them, and a server that does not say its version cannot be trusted to have them either.
 */
export async function requireLogprobsVersion(client: Ollama, endpoint: string): Promise<void> {
  const minimum = OLLAMA_LOGPROBS_VERSION.join('.');
  const hint = `--mc-scoring logprobs needs Ollama ${minimum} or later: upgrade the server, or run --mc-scoring generate. Nothing was requested.`;
  let reported: string | undefined;
  try {
    const answer: unknown = await client.version();
    const version = (answer as { version?: unknown } | null)?.version;
    reported = typeof version === 'string' ? version : undefined;
  } catch (cause) {
    throw new ConfigError(
      `${endpoint} did not answer /api/version (${cause instanceof Error ? cause.message : String(cause)}), so its support for log-probabilities is unknown`,
      { cause, hint },
    );
  }
  const version = reported === undefined ? undefined : parseOllamaVersion(reported);
  if (version === undefined)
    throw new ConfigError(
      `${endpoint} /api/version gave no version number (${JSON.stringify(reported ?? null)}), so its support for log-probabilities is unknown`,
      { hint },
    );
  if (!atLeast(version, OLLAMA_LOGPROBS_VERSION))
    throw new ConfigError(`${endpoint} runs Ollama ${reported ?? ''}, which has no log-probabilities (added in ${minimum})`, { hint });
}
