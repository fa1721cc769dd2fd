import { BUILTIN } from './builtin/builtin-definition';
import { OLLAMA } from './ollama/ollama-definition';
import { OPENAI_COMPATIBLE } from './openai-compatible/openai-compatible-definition';
import type { AnyProviderDefinition } from './provider-definition';
import { REPLAY } from './replay/replay-definition';

/**
 * Every provider `--provider` names, in the order help lists them: a new provider is its definition file and one line
 * here. Definitions are light (their adapters load on `create`), so the command line reads this list for free.
 */
export const PROVIDERS = [
  OPENAI_COMPATIBLE, // a server, through the openai client
  OLLAMA, // a server, through the ollama client
  REPLAY, // a predictions file
  BUILTIN, // baselines
] as const satisfies readonly AnyProviderDefinition[];

export type ProviderName = (typeof PROVIDERS)[number]['name'];

/** The providers a run may name: the registry, or a caller's own list (a test, a library user's extra provider). */
export type ProviderList<Name extends string = string> = readonly (AnyProviderDefinition & { readonly name: Name })[];

export const PROVIDER_NAMES: readonly ProviderName[] = PROVIDERS.map((definition) => definition.name);

/** The model each provider uses when none is named, for those that have one. */
export const DEFAULT_MODELS: Readonly<Partial<Record<ProviderName, string>>> = Object.fromEntries(
  PROVIDERS.flatMap((definition) => ('default' in definition.model ? [[definition.name, definition.model.default]] : [])),
);

export function findProvider(name: string, providers: ProviderList = PROVIDERS): AnyProviderDefinition | undefined {
  return providers.find((definition) => definition.name === name);
}

/** The model name used when `--model` is not given, or undefined when the provider needs one (a server's model). */
export function defaultModelName(provider: string, providers: ProviderList = PROVIDERS): string | undefined {
  const rule = findProvider(provider, providers)?.model;
  return rule !== undefined && 'default' in rule ? rule.default : undefined;
}
