import type OpenAI from 'openai';
import { probeFailure } from '../probe-failure';
import type { EndpointProbe, ModelFingerprint } from '../provider';
import { classifyOpenAIError } from './classify-openai-error';

const FINGERPRINT_FIELDS = ['id', 'created', 'owned_by', 'root', 'parent', 'max_model_len'] as const;

/**
 * GET /v1/models within the timeout. Its entry for the model is the fingerprint (id, created, owned_by, and vLLM's
 * root/parent: a LoRA adapter names its base). Unreachable or refusing the key: a ProviderError; no /v1/models: no fingerprint.
 */
export async function probeOpenAIModels(args: {
  readonly client: OpenAI;
  readonly model: string;
  readonly endpoint: string;
  readonly timeoutMs: number;
  readonly secrets: readonly string[];
}): Promise<EndpointProbe> {
  let entries: Record<string, unknown>[];
  try {
    const page = await args.client.models.list({ timeout: args.timeoutMs, maxRetries: 0 });
    entries = Array.isArray(page.data) ? (page.data as unknown as Record<string, unknown>[]) : [];
  } catch (error) {
    const classified = classifyOpenAIError(error, args.secrets);
    const failure = probeFailure(classified, args.endpoint, { baseUrlVariable: 'OPENAI_BASE_URL', apiKeyVariable: 'OPENAI_API_KEY' });
    if (failure !== undefined) throw failure;
    // some servers do not implement /v1/models; a 5xx or 429 may pass
    return classified.isRetryable ? { fingerprint: undefined, transient: true } : { fingerprint: undefined };
  }
  const entry = entries.find((candidate) => candidate['id'] === args.model);
  if (entry === undefined) {
    const served = entries.map((candidate) => candidate['id']).filter((id): id is string => typeof id === 'string');
    return { fingerprint: { id: args.model, listed: false }, ...(served.length === 0 ? {} : { unlistedAmong: served }) };
  }
  const fingerprint: Record<string, string | number | boolean | null> = {};
  for (const field of FINGERPRINT_FIELDS) {
    const value = entry[field];
    if (typeof value === 'string' || typeof value === 'number' || value === null) fingerprint[field] = value;
  }
  return { fingerprint: fingerprint as ModelFingerprint };
}
