import type { Embedder, SemanticMetric } from '../scoring/types';
import type { EmbeddingOptions } from './embedding-options';
import { SEMANTIC_MODEL_PROFILES } from './model-profiles';
import { createOllamaEmbedder, DEFAULT_OLLAMA_HOST } from './ollama-embedder';
import { createOpenAiEmbedder } from './openai-embedder';
import type { ResolvedEmbedder } from './resolved-embedder';
import { redactSecrets, redactUrl } from '../providers/redact-secrets';

const PROBE_TEXT = 'shopeval embedding probe';

function messageOf(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}

/**
 * Embeds one text so that a wrong URL, a missing model or a different model shows up before scoring starts. The model
 * counts as the official one when it has the official dimension and is served under one of the official model's names.
 */
async function probe(
  embedder: Embedder,
  metric: SemanticMetric,
  options: EmbeddingOptions,
  model: string,
): Promise<{ problem: string } | { official: boolean }> {
  const [vector] = await embedder.embed([PROBE_TEXT]);
  const size = vector?.length ?? 0;
  const profile = SEMANTIC_MODEL_PROFILES[metric];
  const expected = profile.architecture.hiddenSize;
  const officialNames: readonly (string | undefined)[] = [
    profile.hubId,
    profile.hubId.split('/').pop(),
    profile.openaiModel,
    profile.ollamaModel,
    ...profile.alternateHubIds,
  ];
  if (size === expected || options.allowOtherModel === true) return { official: size === expected && officialNames.includes(model) };
  return {
    problem:
      `${embedder.description} returned ${size}-dimensional embeddings; ${profile.hubId} gives ${expected}: ` +
      `it serves another model (pass --${metric}-model NAME, or --allow-other-embedding-model to score with it anyway)`,
  };
}

export async function resolveOpenAiEmbedder(metric: SemanticMetric, options: EmbeddingOptions): Promise<ResolvedEmbedder> {
  const own = options.perMetric?.[metric];
  const baseURL = own?.baseURL ?? options.openaiBaseURL;
  const model = own?.model ?? SEMANTIC_MODEL_PROFILES[metric].openaiModel;
  if (baseURL === undefined) {
    return {
      problem: `${metric} is set to the openai backend but no endpoint was given: pass --embedding-base-url URL (e.g. http://127.0.0.1:8080/v1)`,
    };
  }
  const environment = options.environment ?? process.env;
  const variables = options.apiKeyVariable !== undefined ? [options.apiKeyVariable] : ['SHOPEVAL_EMBEDDING_API_KEY', 'OPENAI_API_KEY'];
  const apiKey = variables.map((name) => environment[name]).find((value) => value !== undefined && value !== '');
  const endpoint = redactUrl(baseURL);
  const embedder = createOpenAiEmbedder({
    baseURL,
    model,
    apiKey,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...retrySettings(options),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  let checked: { problem: string } | { official: boolean };
  try {
    checked = await probe(embedder, metric, options, model);
  } catch (error) {
    return {
      problem:
        `the embeddings endpoint ${endpoint} failed for model ${model} (${messageOf(error)}): start the server or fix ` +
        `--embedding-base-url / --${metric}-model; an API key is read from $${variables.join(' or $')}`,
    };
  }
  if ('problem' in checked) return checked;
  return { embedder, identity: `openai|${endpoint}|${model}`, official: checked.official };
}

export async function resolveOllamaEmbedder(metric: SemanticMetric, options: EmbeddingOptions): Promise<ResolvedEmbedder> {
  const own = options.perMetric?.[metric];
  const environment = options.environment ?? process.env;
  const host = own?.host ?? options.ollamaHost ?? environment['OLLAMA_HOST'] ?? DEFAULT_OLLAMA_HOST;
  const model = own?.model ?? SEMANTIC_MODEL_PROFILES[metric].ollamaModel;
  if (model === undefined) {
    return {
      problem:
        `Ollama publishes no ${SEMANTIC_MODEL_PROFILES[metric].hubId}: import a GGUF conversion into Ollama and pass ` +
        `--${metric}-model NAME, or use --${metric}-backend local or openai`,
    };
  }
  const endpoint = redactUrl(host);
  const embedder = createOllamaEmbedder({
    host,
    model,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...retrySettings(options),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  let checked: { problem: string } | { official: boolean };
  try {
    checked = await probe(embedder, metric, options, model);
  } catch (error) {
    const message = messageOf(error);
    const fix = /not found/i.test(message) ? `run \`ollama pull ${model}\`` : `start Ollama at ${endpoint} or pass --ollama-host URL`;
    return { problem: `Ollama at ${endpoint} could not embed with ${model} (${message}): ${fix}` };
  }
  if ('problem' in checked) return checked;
  return { embedder, identity: `ollama|${endpoint}|${model}`, official: checked.official };
}

/** `maxRetries` of the embedding options as the embedders' retry policy (retries after the first attempt). */
function retrySettings(options: EmbeddingOptions): { retry?: { maxAttempts: number } } {
  return options.maxRetries === undefined ? {} : { retry: { maxAttempts: Math.max(0, options.maxRetries) + 1 } };
}
