import { ConfigError } from '../errors';
import { BUILTIN_MODELS, createBuiltinProvider, type BuiltinModelName } from './builtin/builtin-provider';
import { checkBaseUrl, normaliseOllamaHost } from './endpoint-url';
import { createNodeHttpFetch } from './http/node-http-fetch';
import { createOllamaProvider } from './ollama/ollama-provider';
import { createOpenAICompatibleProvider } from './openai-compatible/openai-compatible-provider';
import { createReplicaSet } from './pool/replica-set';
import { requestItemOf, type LanguageModel, type RequestItem } from './provider';
import { createReplayProvider } from './replay/replay-provider';

import { DEFAULT_MODELS, type ProviderName } from './provider-names';
import type { PredictionIndex } from '../dataset/prediction-index';

export { defaultModelName, DEFAULT_MODELS, PROVIDER_NAMES, type ProviderName } from './provider-names';

/** The fields of a dataset row a builtin baseline reads (a test-set row may leave the task type and metric out). */
type RowFields = Partial<RequestItem> & Pick<RequestItem, 'id' | 'taskName' | 'track'>;

export interface ProviderOptions {
  readonly provider: ProviderName;
  /** The served model name (openai-compatible, ollama), the builtin model (lexical, random) or a replay run's label (default "replay"). */
  readonly model?: string;
  /**
   * Falls back to OPENAI_BASE_URL (openai-compatible) or OLLAMA_HOST (ollama). Several URLs: replicas of one
   * checkpoint, all probed and each request sent to the least-busy one (see src/providers/pool).
   */
  readonly baseURL?: string | readonly string[];
  /** Falls back to OPENAI_API_KEY; a local server needs none. */
  readonly apiKey?: string;
  /** 'chat' (default) or 'completions' / 'generate'. */
  readonly api?: string;
  /** replay: the predictions file. */
  readonly predictions?: string;
  /** replay: that file already opened by the caller (a run checks it against the dataset and counts it when scoring). */
  readonly predictionIndex?: PredictionIndex;
  /** builtin: the run's rows in dataset order (the random baseline draws over all of them before the first answer). */
  readonly rows?: () => AsyncIterable<RowFields>;
  readonly seed?: number;
  readonly environment?: NodeJS.ProcessEnv;
  /** Requests in flight at once: the endpoint clients keep this many sockets open. @default 8 */
  readonly concurrency?: number;
  /** The run reads log-probabilities: an Ollama server too old to give them is refused at the probe. */
  readonly needsLogprobs?: boolean;
}

const DEFAULT_SOCKETS = 8;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function requireModel(options: ProviderOptions): string {
  const model = nonEmpty(options.model);
  if (model === undefined) throw new ConfigError(`--provider ${options.provider} needs --model (the model name the server serves)`);
  return model;
}

/** The --base-url values given, in order; an empty list means none (the environment's is used). */
function givenUrls(baseURL: ProviderOptions['baseURL']): string[] {
  const urls = (typeof baseURL === 'string' ? [baseURL] : [...(baseURL ?? [])]).filter((url) => nonEmpty(url) !== undefined);
  const seen = new Set<string>();
  for (const url of urls) {
    if (seen.has(url))
      throw new ConfigError(`--base-url ${url} is given twice`, { hint: 'Give each replica once; --concurrency is already per replica.' });
    seen.add(url);
  }
  return urls;
}

/**
 * Builds the adapter named on the command line; settings come from flags first, then the usual environment variables.
 * Two or more --base-url build one adapter per replica, joined into a replica set.
 */
export async function createProvider(options: ProviderOptions): Promise<LanguageModel> {
  const urls = givenUrls(options.baseURL);
  const { baseURL: _given, ...rest } = options;
  if (urls.length < 2 || (options.provider !== 'openai-compatible' && options.provider !== 'ollama'))
    return createOne({ ...rest, ...(urls[0] === undefined ? {} : { baseURL: urls[0] }) });
  const members: LanguageModel[] = [];
  for (const url of urls) members.push(await createOne({ ...rest, baseURL: url }));
  return createReplicaSet(members);
}

async function createOne(options: Omit<ProviderOptions, 'baseURL'> & { readonly baseURL?: string }): Promise<LanguageModel> {
  const environment = options.environment ?? process.env;
  switch (options.provider) {
    case 'openai-compatible': {
      const given = nonEmpty(options.baseURL) ?? nonEmpty(environment['OPENAI_BASE_URL']);
      if (given === undefined) {
        throw new ConfigError('openai-compatible needs the server URL', {
          hint: 'Pass --base-url (e.g. http://127.0.0.1:8000/v1) or set OPENAI_BASE_URL.',
        });
      }
      const baseURL = checkBaseUrl(given, { variable: 'OPENAI_BASE_URL' });
      const api = options.api ?? 'chat';
      if (api !== 'chat' && api !== 'completions') throw new ConfigError(`--api ${api}: openai-compatible speaks "chat" or "completions"`);
      const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(environment['OPENAI_API_KEY']);
      const fetch = createNodeHttpFetch({ maxSockets: options.concurrency ?? DEFAULT_SOCKETS });
      return createOpenAICompatibleProvider({
        baseURL,
        model: requireModel(options),
        api,
        fetch,
        ...(apiKey === undefined ? {} : { apiKey }),
      });
    }
    case 'ollama': {
      const host = normaliseOllamaHost(nonEmpty(options.baseURL) ?? nonEmpty(environment['OLLAMA_HOST']) ?? 'http://127.0.0.1:11434');
      const api = options.api ?? 'chat';
      if (api !== 'chat' && api !== 'generate') throw new ConfigError(`--api ${api}: ollama speaks "chat" or "generate"`);
      const fetch = createNodeHttpFetch({ maxSockets: options.concurrency ?? DEFAULT_SOCKETS });
      return createOllamaProvider({
        host,
        model: requireModel(options),
        api,
        fetch,
        ...(options.needsLogprobs === true ? { needsLogprobs: true } : {}),
      });
    }
    case 'replay': {
      const path = nonEmpty(options.predictions);
      if (path === undefined) throw new ConfigError('--provider replay needs --predictions <file.jsonl>');
      return createReplayProvider({
        path,
        model: nonEmpty(options.model) ?? DEFAULT_MODELS.replay,
        ...(options.predictionIndex === undefined ? {} : { predictions: options.predictionIndex }),
      });
    }
    case 'builtin': {
      const model = options.model ?? DEFAULT_MODELS.builtin;
      if (!(BUILTIN_MODELS as readonly string[]).includes(model)) {
        throw new ConfigError(`unknown builtin model "${model}"`, { hint: `Builtin models: ${BUILTIN_MODELS.join(', ')}.` });
      }
      return createBuiltinProvider({
        model: model as BuiltinModelName,
        items: model === 'random' && options.rows !== undefined ? await requestItems(options.rows()) : [],
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      });
    }
  }
}

/** Just the fields a builtin baseline reads, so a million rows' prompts are not held. */
async function requestItems(rows: AsyncIterable<RowFields>): Promise<RequestItem[]> {
  const items: RequestItem[] = [];
  for await (const row of rows) items.push(requestItemOf(row));
  return items;
}
