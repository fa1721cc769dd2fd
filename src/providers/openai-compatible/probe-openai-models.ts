import type OpenAI from 'openai';
import { ConfigError } from '../../errors';
import { nameOnlyIdentity } from '../identity/checkpoint-identity';
import { probeFailure } from '../probe-failure';
import type { EndpointProbe } from '../provider';
import { classifyOpenAIError } from './classify-openai-error';
import { llamaCppPropsFacts, openAIServerIdentity } from './openai-server-identity';

export interface ProbeOpenAIArgs {
  readonly client: OpenAI;
  readonly model: string;
  /** The base URL as configured (redacted for messages). */
  readonly baseURL: string;
  readonly endpoint: string;
  readonly timeoutMs: number;
  readonly secrets: readonly string[];
  readonly fetch?: typeof fetch;
}

/**
 * GET /v1/models within the timeout; the model's entry gives the server's identity (stable facts only), and
 * llama-server's /props adds the GGUF path and chat template. Unreachable or refusing the key: a ProviderError;
 * a base URL without its /v1: a ConfigError naming the URL to use; no /v1/models: a name-only identity.
 */
export async function probeOpenAIModels(args: ProbeOpenAIArgs): Promise<EndpointProbe> {
  let entries: Record<string, unknown>[];
  try {
    const page = await args.client.models.list({ timeout: args.timeoutMs, maxRetries: 0 });
    entries = Array.isArray(page.data) ? (page.data as unknown as Record<string, unknown>[]) : [];
  } catch (error) {
    const classified = classifyOpenAIError(error, args.secrets);
    const failure = probeFailure(classified, args.endpoint, { baseUrlVariable: 'OPENAI_BASE_URL', apiKeyVariable: 'OPENAI_API_KEY' });
    if (failure !== undefined) throw failure;
    if (classified.status === 404) await refuseMissingV1(args);
    // some servers do not implement /v1/models; a 5xx or 429 may pass
    return classified.isRetryable ? { identity: undefined, transient: true } : { identity: nameOnlyIdentity(args.model) };
  }
  const entry = entries.find((candidate) => candidate['id'] === args.model);
  if (entry === undefined) {
    const served = entries.map((candidate) => candidate['id']).filter((id): id is string => typeof id === 'string');
    return { identity: nameOnlyIdentity(args.model), ...(served.length === 0 ? {} : { unlistedAmong: served }) };
  }
  const identity = openAIServerIdentity(entry, args.endpoint);
  if (identity.server !== 'llama.cpp') return { identity };
  const props = await getJson(`${serverRoot(args.baseURL)}/props`, args);
  return { identity: props === undefined ? identity : { ...identity, facts: { ...identity.facts, ...llamaCppPropsFacts(props) } } };
}

/** A 404 on /models where <base>/v1/models lists models: the user left out the /v1 (vLLM, Ollama and OpenAI need it). */
async function refuseMissingV1(args: ProbeOpenAIArgs): Promise<void> {
  if (/\/v1\/?$/.test(new URL(args.baseURL).pathname)) return;
  const withV1 = `${args.baseURL.replace(/\/+$/, '')}/v1`;
  const list = await getJson(`${withV1}/models`, args);
  if (list === undefined || !Array.isArray(list['data'])) return;
  const shown = `${args.endpoint.replace(/\/+$/, '')}/v1`;
  throw new ConfigError(`${args.endpoint} answers 404 to /models, but ${shown}/models lists models: the base URL lacks its /v1`, {
    hint: `Pass --base-url ${shown} (or set OPENAI_BASE_URL to it). Nothing was requested or recorded.`,
  });
}

/** The server's root: llama-server serves /props there, not under /v1. */
function serverRoot(baseURL: string): string {
  return baseURL.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** A GET that never throws: undefined unless a JSON object comes back within the timeout. */
async function getJson(url: string, args: ProbeOpenAIArgs): Promise<Record<string, unknown> | undefined> {
  try {
    const headers: Record<string, string> = args.secrets[0] === undefined ? {} : { authorization: `Bearer ${args.secrets[0]}` };
    const response = await (args.fetch ?? fetch)(url, { headers, signal: AbortSignal.timeout(args.timeoutMs) });
    if (!response.ok) return undefined;
    const value = (await response.json()) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
