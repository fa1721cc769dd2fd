/** The providers `--provider` names, kept apart from their adapters so the command line can list them without loading clients. */
export const PROVIDER_NAMES = ['openai-compatible', 'ollama', 'replay', 'builtin'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** The model a provider uses when none is named: the one place this default is chosen. */
export const DEFAULT_MODELS = { builtin: 'lexical', replay: 'replay' } as const satisfies Partial<Record<ProviderName, string>>;

/** The model name used when `--model` is not given, or undefined when the provider needs one (a server's model). */
export function defaultModelName(provider: ProviderName): string | undefined {
  const defaults: Readonly<Partial<Record<ProviderName, string>>> = DEFAULT_MODELS;
  return defaults[provider];
}
