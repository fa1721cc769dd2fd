import type { RunProviderOptions } from '../pipeline/run-options';
import type { ProviderFlagTable } from '../providers/provider-flag-table';
import { findProvider, PROVIDERS, type ProviderList } from '../providers/registry';
import type { FlagValues } from './flags/flag-spec';

type ProviderFlagValues = FlagValues<ProviderFlagTable<typeof PROVIDERS>>;

/**
 * `--provider`, `--model` and the named provider's own flags as the library's provider options: each flag fills the
 * option its definition names (`--base-url` fills `baseURL`); the run's `--seed` goes to every provider.
 */
export function providerOptionsOf(
  values: ProviderFlagValues,
  seed: number | undefined,
  providers: ProviderList = PROVIDERS,
): RunProviderOptions {
  const options: Record<string, unknown> = { provider: values.provider };
  if (values.model !== undefined) options['model'] = values.model;
  const given: Readonly<Record<string, unknown>> = values;
  for (const [name, flag] of Object.entries(findProvider(values.provider, providers)?.flags ?? {}))
    if (given[name] !== undefined) options[flag.option] = given[name];
  if (seed !== undefined) options['seed'] = seed;
  return options as RunProviderOptions; // keys are the definitions' own options, checked again by resolveRunOptions
}
