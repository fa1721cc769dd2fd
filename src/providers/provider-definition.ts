import type { FlagSpec } from '../cli/flags/flag-spec';
import type { PredictionIndex } from '../dataset/prediction-index';
import type { LanguageModel, RequestItem } from './provider';

/** The fields of a dataset row a builtin baseline reads (a test-set row may leave the task type and metric out). */
export type RowFields = Partial<RequestItem> & Pick<RequestItem, 'id' | 'taskName' | 'track'>;

/** An environment variable a provider reads: its name and purpose are shown in help and the README, never its value. */
export interface EnvironmentVariable {
  readonly name: string;
  /** What it holds, e.g. "the server URL". */
  readonly describe: string;
  /** The flag it stands in for when that flag is not given (help shows `$NAME` as that flag's default). */
  readonly flag?: string;
  /** url: the credentials in its value are redacted from output; secret: its whole value is. */
  readonly holds?: 'url' | 'secret';
}

/** One flag a provider reads: the library option it fills (`--base-url` fills `baseURL`) and its one declaration. */
export interface ProviderFlag<Option extends string = string, Spec extends FlagSpec = FlagSpec> {
  readonly option: Option;
  readonly spec: Spec;
}

/** How the model name is found when `--model` is left out. */
export type ModelRule =
  | { readonly default: string; /** The model names it takes, for `--model`'s help, e.g. "lexical or random". */ readonly names: string }
  | { /** Said in the error when `--model` is missing, e.g. "the model name the server serves". */ readonly required: string };

/** What the run must know about a provider before it creates one. */
export interface ProviderCapabilities {
  /** Several `--base-url` values are replicas of one checkpoint: one adapter each, joined into a replica set. */
  readonly replicas: boolean;
  /** It can give log-probabilities (`--mc-scoring logprobs`). */
  readonly logprobs: boolean;
  /** It answers from its `predictions` file, which the run opens, checks against the dataset and counts as `score` does. */
  readonly predictionsFile: boolean;
  /** Why `--repeats` is refused, when it holds one answer per row (e.g. "a replay file holds one answer per row"). */
  readonly oneAnswerPerRow?: string;
}

/** What the run hands every provider besides its own settings (the flags it declared). */
export interface ProviderContext<Api extends string = string> {
  /** `--model`, or the provider's default. */
  readonly model: string;
  /** `--api` checked against the provider's `apis`, or the first of them; undefined for a provider without `apis`. */
  readonly api: Api | undefined;
  readonly environment: NodeJS.ProcessEnv;
  /** Requests in flight at once: an endpoint client keeps this many sockets open. */
  readonly concurrency: number;
  /** The run reads log-probabilities (a server too old to give them is refused at its probe). */
  readonly needsLogprobs: boolean;
  /** The run's `--seed`. */
  readonly seed?: number;
  /** The run's rows in dataset order, read only when asked (the random baseline draws over all of them). */
  readonly rows?: () => AsyncIterable<RowFields>;
  /** A `predictionsFile` provider's file, already opened by the run. */
  readonly predictionIndex?: PredictionIndex;
}

/**
 * A provider, self-described: `src/providers/registry.ts` lists these, and `--provider`'s choices, the default model,
 * the flags, the environment help, the replica rule and creation all derive from the list. `create` loads the adapter
 * (and its HTTP client) with a dynamic import, so `--help` never pays for it.
 */
/** A provider's flags by command-line name. */
export type ProviderFlags<Settings = object> = Readonly<Record<string, ProviderFlag<OptionName<Settings>>>>;

export interface ProviderDefinition<
  Name extends string = string,
  Settings extends object = object,
  Api extends string = string,
  Flags extends ProviderFlags<Settings> = ProviderFlags<Settings>,
> {
  readonly name: Name;
  /** One line for the README's provider table. */
  readonly describe: string;
  /** Who answers, in `--provider`'s help: "a server", "a predictions file", "a baseline". */
  readonly answers: string;
  readonly model: ModelRule;
  /** Its flags by command-line name; flags two providers read are one shared entry (provider-flags.ts), referenced. */
  readonly flags: Flags;
  readonly environment: readonly EnvironmentVariable[];
  /** The endpoints it speaks (`--api`), the default first; it then declares API_FLAG among its flags. */
  readonly apis?: readonly [Api, ...Api[]];
  readonly capabilities: ProviderCapabilities;
  // method syntax on purpose: a definition of narrower settings still fits a list of definitions
  create(settings: Settings, context: ProviderContext<Api>): Promise<LanguageModel>;
}

/** The options a provider's flags may fill: its settings' keys, and `api` (checked against its `apis`). */
type OptionName<Settings> = [keyof Settings] extends [never] ? string : (keyof Settings & string) | 'api';

/** Any provider, as the registry holds it. */
export type AnyProviderDefinition = ProviderDefinition<string, object, string, ProviderFlags>;

/** The settings a provider's `create` receives. */
export type SettingsOf<D> = D extends { create(settings: infer Settings, context: never): unknown } ? Settings : never;

/** A | B -> A & B (the options of every registered provider, in one object type). */
export type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/** Declares a provider with its settings type; the rest is inferred (and checked) from the literal. */
export function defineProvider<Settings extends object>() {
  return <const Name extends string, const Flags extends ProviderFlags<Settings>, const Api extends string = string>(
    definition: ProviderDefinition<Name, Settings, Api, Flags>,
  ): ProviderDefinition<Name, Settings, Api, Flags> => definition;
}
