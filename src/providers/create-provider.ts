import { ConfigError } from '../errors';
import type { PredictionIndex } from '../dataset/prediction-index';
import { createReplicaSet } from './pool/replica-set';
import type { LanguageModel } from './provider';
import type { AnyProviderDefinition, ProviderContext, RowFields, SettingsOf, UnionToIntersection } from './provider-definition';
import { findProvider, PROVIDERS, type ProviderList, type ProviderName } from './registry';

export { defaultModelName, DEFAULT_MODELS, PROVIDER_NAMES, PROVIDERS, type ProviderList, type ProviderName } from './registry';

/** Every registered provider's own options (its flags' values), each optional: a provider reads only its own. */
type RegisteredOptions = Partial<UnionToIntersection<SettingsOf<(typeof PROVIDERS)[number]>>>;

export interface ProviderOptions<Name extends string = ProviderName> extends Omit<RegisteredOptions, 'baseURL'> {
  readonly provider: Name;
  /** The served model name (openai-compatible, ollama), the builtin model (lexical, random) or a replay run's label (default "replay"). */
  readonly model?: string;
  /**
   * The server (its provider's variable when not given: OPENAI_BASE_URL, OLLAMA_HOST). Several URLs: replicas of one
   * checkpoint, all probed and each request sent to the least-busy one (see src/providers/pool).
   */
  readonly baseURL?: string | readonly string[];
  /** 'chat' (default) or 'completions' / 'generate': one of the provider's `apis`. */
  readonly api?: string;
  readonly seed?: number;
  readonly environment?: NodeJS.ProcessEnv;
  /** replay: the predictions file already opened by the caller (a run checks it against the dataset and counts it when scoring). */
  readonly predictionIndex?: PredictionIndex;
  /** builtin: the run's rows in dataset order (the random baseline draws over all of them before the first answer). */
  readonly rows?: () => AsyncIterable<RowFields>;
  /** Requests in flight at once: the endpoint clients keep this many sockets open. @default 8 */
  readonly concurrency?: number;
  /** The run reads log-probabilities: an Ollama server too old to give them is refused at the probe. */
  readonly needsLogprobs?: boolean;
}

const DEFAULT_SOCKETS = 8;

function nonEmpty(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** The --base-url values given, in order; an empty list means none (the environment's is used). */
function givenUrls(baseURL: ProviderOptions<string>['baseURL']): string[] {
  const urls = (typeof baseURL === 'string' ? [baseURL] : [...(baseURL ?? [])]).filter((url) => nonEmpty(url) !== undefined);
  const seen = new Set<string>();
  for (const url of urls) {
    if (seen.has(url))
      throw new ConfigError(`--base-url ${url} is given twice`, { hint: 'Give each replica once; --concurrency is already per replica.' });
    seen.add(url);
  }
  return urls;
}

/** The provider's own settings: each of its flags' options, else the environment variable behind that flag (blank is not given). */
function settingsOf(definition: AnyProviderDefinition, options: Readonly<Record<string, unknown>>, environment: NodeJS.ProcessEnv): object {
  const settings: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(definition.flags)) {
    if (flag.option === 'api') continue; // checked against `apis` and handed over in the context
    const fallback = definition.environment.find((variable) => variable.flag === name);
    const value = nonEmpty(options[flag.option]) ?? (fallback === undefined ? undefined : nonEmpty(environment[fallback.name]));
    if (value !== undefined) settings[flag.option] = value;
  }
  return settings;
}

/** --model, or the provider's default; a provider that needs one and was given none is refused. */
function modelOf(definition: AnyProviderDefinition, given: string | undefined): string {
  const rule = definition.model;
  if (given !== undefined && given.trim() !== '') return given;
  if ('default' in rule) return rule.default;
  throw new ConfigError(`--provider ${definition.name} needs --model (${rule.required})`);
}

/** --api, or the provider's first; one it does not speak is refused. */
function apiOf(definition: AnyProviderDefinition, given: string | undefined): string | undefined {
  if (definition.apis === undefined) return undefined;
  const api = given ?? definition.apis[0];
  const apis: readonly string[] = definition.apis;
  if (!apis.includes(api)) throw new ConfigError(`--api ${api}: ${definition.name} speaks ${apis.map((name) => `"${name}"`).join(' or ')}`);
  return api;
}

// model and api are checked when the provider reads them, so its own checks (a missing URL) come first, as they always did
function contextOf(definition: AnyProviderDefinition, options: ProviderOptions<string>): ProviderContext {
  return {
    get model() {
      return modelOf(definition, options.model);
    },
    get api() {
      return apiOf(definition, options.api);
    },
    environment: options.environment ?? process.env,
    concurrency: options.concurrency ?? DEFAULT_SOCKETS,
    needsLogprobs: options.needsLogprobs === true,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.rows === undefined ? {} : { rows: options.rows }),
    ...(options.predictionIndex === undefined ? {} : { predictionIndex: options.predictionIndex }),
  };
}

/**
 * Builds the adapter named by `options.provider` from the registry (or the caller's list); settings come from its flags
 * first, then its environment variables. Two or more --base-url build one adapter per replica, joined into a replica set,
 * for a provider that allows replicas.
 */
export async function createProvider<Name extends string = ProviderName>(
  options: ProviderOptions<Name>,
  providers: ProviderList = PROVIDERS,
): Promise<LanguageModel> {
  const definition = findProvider(options.provider, providers);
  if (definition === undefined)
    throw new ConfigError(`unknown provider "${options.provider}"`, {
      hint: `Providers: ${providers.map((known) => known.name).join(', ')}.`,
    });
  const urls = givenUrls(options.baseURL);
  const environment = options.environment ?? process.env;
  const create = (baseURL: string | undefined): Promise<LanguageModel> => {
    const own = { ...options, baseURL } as Readonly<Record<string, unknown>>; // the provider's keys are read by name, below
    return definition.create(settingsOf(definition, own, environment), contextOf(definition, options));
  };
  if (urls.length < 2 || !definition.capabilities.replicas) return create(urls[0]);
  const members: LanguageModel[] = [];
  for (const url of urls) members.push(await create(url));
  return createReplicaSet(members);
}
